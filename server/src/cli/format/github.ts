/**
 * GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per problem
 * (shown on the pull request's diff), then the plain summary for the job log.
 *
 * The summary quotes the repository (file names, a custom scheme's tier names, gate descriptions
 * and item titles), so it is printed between `::stop-commands::<token>` and `::<token>::` with
 * a random token (GitHub's way to log text that must not run as a workflow command), and every
 * string in it is made printable first (no line break, no control character: printable.ts).
 * The annotations themselves escape their properties and message as the runner expects.
 */
import { randomBytes } from 'node:crypto';
import type { OutProblem, CheckReport } from '../report';
import { PLAIN } from '../color';
import { printable, printableDeep } from './printable';
import { summaryLines } from './text';

/** Escape a message (the part after `::`). */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value (`file=…`, `title=…`). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export function annotation(p: OutProblem): string {
  const cmd = p.severity === 'error' ? 'error' : p.severity === 'warning' ? 'warning' : 'notice';
  const props = [`file=${escapeProperty(printable(p.file))}`, `line=${p.line}`, `col=${p.column}`, `endLine=${p.endLine}`];
  // endColumn only makes sense on a single line.
  if (p.endLine === p.line && p.endColumn > p.column) props.push(`endColumn=${p.endColumn}`);
  props.push(`title=${escapeProperty(p.code)}`);
  return `::${cmd} ${props.join(',')}::${escapeData(printable(p.message))}`;
}

/** A token no repository can guess, for `::stop-commands::`. */
export function stopToken(): string {
  return `gbt27922-${randomBytes(16).toString('hex')}`;
}

export function formatGithub(r: CheckReport, token = stopToken()): string {
  const lines = r.problems.map(annotation);
  const summary = summaryLines(printableDeep(r), PLAIN);
  return [...lines, ...(lines.length ? [''] : []), `::stop-commands::${token}`, ...summary, `::${token}::`].join('\n') + '\n';
}

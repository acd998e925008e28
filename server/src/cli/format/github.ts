/**
 * GitHub Actions workflow commands: one `::error`/`::warning`/`::notice` annotation per problem
 * (shown on the pull request's diff), then the plain summary for the job log.
 */
import type { OutProblem, CheckReport } from '../report';
import { PLAIN } from '../color';
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
  const props = [`file=${escapeProperty(p.file)}`, `line=${p.line}`, `col=${p.column}`, `endLine=${p.endLine}`];
  // endColumn only makes sense on a single line.
  if (p.endLine === p.line && p.endColumn > p.column) props.push(`endColumn=${p.endColumn}`);
  props.push(`title=${escapeProperty(p.code)}`);
  return `::${cmd} ${props.join(',')}::${escapeData(p.message)}`;
}

export function formatGithub(r: CheckReport): string {
  const lines = r.problems.map(annotation);
  return [...lines, ...(lines.length ? [''] : []), ...summaryLines(r, PLAIN)].join('\n') + '\n';
}

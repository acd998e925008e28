/**
 * `gbt27922 init manual|audit`: write a manual skeleton or an audit checklist for the project's
 * scheme (or `--scheme`). To a file (`--output`, never overwriting unless `--force`) or stdout.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateAuditChecklist, generateManualSkeleton } from '../../generate';
import { BUILTIN_SCHEME_FILES } from '../../scheme/loader';
import { OutputFileError, writeOutputFile } from '../../io/outputFile';
import { UsageError } from '../errors';
import { assertUsableProject, loadProject, rel } from '../project';
import type { CommandIo } from './check';

export interface InitOptions {
  output?: string;
  force?: boolean;
  organisation?: string;
  scheme?: string;
  config?: string;
  locale?: string;
  date?: string;
}

export const INIT_KINDS = ['manual', 'audit'] as const;

export function runInit(kind: string, o: InitOptions, io: CommandIo): number {
  if (!(INIT_KINDS as readonly string[]).includes(kind)) {
    throw new UsageError(`init expects "manual" (a manual skeleton) or "audit" (an audit checklist), not "${kind}"`);
  }
  const target = o.output !== undefined ? path.resolve(io.cwd, o.output) : undefined;
  const project = loadProject({ paths: [target ? path.dirname(target) : '.'], config: o.config, scheme: o.scheme, locale: o.locale, cwd: io.cwd, env: io.env });
  assertUsableProject(project);
  let schemeRef: string | undefined;
  if (o.scheme !== undefined && target && !(o.scheme in BUILTIN_SCHEME_FILES) && fs.existsSync(path.resolve(io.cwd, o.scheme))) {
    // A scheme file: the generated document names it relative to itself.
    schemeRef = path.relative(path.dirname(target), path.resolve(io.cwd, o.scheme)).split(path.sep).join('/');
  }
  const options = { locale: project.locale, organisation: o.organisation, date: o.date, ...(schemeRef ? { schemeRef } : {}) };
  const text = kind === 'audit' ? generateAuditChecklist(project.scheme, options) : generateManualSkeleton(project.scheme, options);
  if (!target) {
    io.stdout.write(text);
    return 0;
  }
  try {
    // Created exclusively: a dangling symlink at the name counts as existing and is never followed.
    writeOutputFile(target, text, { exclusive: !o.force, confine: io.cwd });
  } catch (e) {
    if (!(e instanceof OutputFileError)) throw e;
    if (!o.force && /already exists$/.test(e.message)) throw new UsageError(`${o.output} already exists; use --force to overwrite it`);
    throw new UsageError(e.message.split(target).join(o.output ?? target));
  }
  // In the language of the document written (--locale, else the config's, else LANG).
  const n = project.scheme.items.length;
  const to = rel(io.cwd, target);
  if (project.locale === 'zh') io.stderr.write(`gbt27922: 已写入${kind === 'audit' ? '审核清单' : '手册骨架'}（${project.scheme.id}，${n} 项）→ ${to}\n`);
  else io.stderr.write(`gbt27922: wrote ${kind === 'audit' ? 'an audit checklist' : 'a manual skeleton'} (${project.scheme.id}, ${n} ${n === 1 ? 'item' : 'items'}) → ${to}\n`);
  return 0;
}

/**
 * GENERATE_REQUEST: an audit checklist or a manual skeleton for the workspace's scheme (or the
 * one named in the request), as Markdown text the client opens in a new editor.
 */
import * as path from 'node:path';
import type { Locale } from '../model/problems';
import type { GenerateParams, GenerateResult } from '../protocol';
import type { Scheme } from '../scheme/types';
import { resolveSchemeRef, CONFIG_FILE_NAME } from '../config/config';
import { formatSchemeProblems } from '../scheme/loader';
import type { WorkspaceIndex } from './workspaceIndex';

export function schemeForGenerate(index: WorkspaceIndex, ref: string | undefined): Scheme {
  const folder = [...index.folders.values()].find((f) => !f.loose) ?? [...index.folders.values()][0];
  if (!ref) return folder?.scheme ?? index.defaultContext().scheme;
  const base = folder?.configPath ?? path.join(folder?.root ?? process.cwd(), CONFIG_FILE_NAME);
  const r = resolveSchemeRef(ref, base, {
    readFile: (p) => index.textOf(`file://${p}`),
    resolvePath: (from, rel) => path.resolve(path.dirname(from), rel),
  });
  if (!r.ok) throw new Error(formatSchemeProblems(r.problems));
  return r.scheme;
}

export function generateDocument(index: WorkspaceIndex, params: GenerateParams, locale: Locale): GenerateResult {
  const scheme = schemeForGenerate(index, params.scheme);
  const lang = params.locale ?? locale;
  // TODO(generate): call the CLI engineer's generators (server/src/generate/) once they land.
  const lines: string[] = [];
  const zh = lang === 'zh';
  lines.push('---', `type: ${params.kind === 'audit-checklist' ? 'audit' : 'manual'}`, `scheme: ${scheme.id}`);
  if (params.organisation) lines.push(`organisation: ${params.organisation}`);
  lines.push('---', '');
  for (const item of scheme.items) {
    if (params.kind === 'audit-checklist') lines.push(`- [${item.id}] ${zh ? '得分' : 'score'}% ${zh ? '证据：' : 'Evidence: '}`);
    else lines.push(`### ${item.title.zh ?? item.title.en ?? item.id} [${item.id}]`, '', `<!-- ${item.requirement} -->`, '');
  }
  return { text: lines.join('\n') + '\n' };
}

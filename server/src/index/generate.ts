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
import { generateAuditChecklist, generateManualSkeleton, type GenerateOptions } from '../generate';
import type { WorkspaceIndex } from './workspaceIndex';

export function schemeForGenerate(index: WorkspaceIndex, ref: string | undefined): Scheme {
  const folder = [...index.folders.values()].find((f) => !f.loose) ?? [...index.folders.values()][0];
  if (!ref) return folder?.scheme ?? index.defaultContext().scheme;
  const base = folder?.configPath ?? path.join(folder?.root ?? process.cwd(), CONFIG_FILE_NAME);
  const r = resolveSchemeRef(ref, base, index.settingsReader(folder?.root));
  if (!r.ok) throw new Error(formatSchemeProblems(r.problems));
  return r.scheme;
}

export function generateDocument(index: WorkspaceIndex, params: GenerateParams, locale: Locale): GenerateResult {
  const scheme = schemeForGenerate(index, params.scheme);
  // The same generators as `gbt27922 init`: the editor and the command line write the same documents.
  const options: GenerateOptions = { locale: params.locale ?? locale };
  if (params.organisation) options.organisation = params.organisation;
  if (params.scheme) options.schemeRef = params.scheme;
  const text = params.kind === 'audit-checklist' ? generateAuditChecklist(scheme, options) : generateManualSkeleton(scheme, options);
  return { text };
}

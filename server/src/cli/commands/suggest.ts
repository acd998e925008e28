/**
 * `gbt27922 suggest <file.md|folder>…`: per manual section, the indicators it seems to address,
 * with the matched terms as the reason; `--apply` writes the confident ones into the headings
 * (in place, the file's encoding kept) and reports what it wrote.
 *
 * A folder contributes its manual files (front matter `type: manual`, or tagged); a file named
 * on the command line is taken as a manual whatever it says (an audit report is skipped).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { decodeBytes } from '../../io/decode';
import { encodeText } from '../../io/encode';
import { OutputFileError, writeOutputFile } from '../../io/outputFile';
import { parseDocument } from '../../model';
import type { DocumentModel } from '../../model/types';
import type { Scheme } from '../../scheme/types';
import { DEFAULT_THRESHOLD, shortItemTitle, SuggestionEngine } from '../../suggest/engine';
import { applyTagEdits, planTagEdits, suggestDocument, type SectionSuggestions, type TagEdit } from '../../suggest/sections';
import { COLOR, PLAIN, useColor, type Palette } from '../color';
import { UsageError } from '../errors';
import { assertUsableProject, loadProject, rel } from '../project';
import { WorkingTree } from '../sources';
import { parseFormat, type CommandIo } from './check';

export interface SuggestOptions {
  format?: string;
  apply?: boolean;
  minConfidence?: string;
  config?: string;
  scheme?: string;
  locale?: string;
  color?: boolean;
}

/** The `--format json` output, exactly as documented (docs/cli.md). */
export interface SuggestReport {
  threshold: number;
  files: {
    file: string;
    sections: { line: number; heading: string; tags: string[]; suggestions: { id: string; confidence: number; matched: string[] }[] }[];
  }[];
}

interface FileResult {
  display: string;
  abs: string;
  model: DocumentModel;
  text: string;
  encoding: Parameters<typeof encodeText>[1];
  sections: SectionSuggestions[];
}

/** Text from a document, safe to print: control characters (ANSI escapes, bidi overrides) become U+FFFD. */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  return s.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '\ufffd');
}

export function parseConfidence(value: string | undefined, option = '--min-confidence'): number {
  if (value === undefined) return DEFAULT_THRESHOLD;
  const n = Number(value);
  if (!/^\s*(0|1|0?\.\d+|1\.0*)\s*$/.test(value) || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new UsageError(`${option} must be a number from 0 to 1 (e.g. 0.5), not "${value}"`);
  }
  return n;
}

export async function runSuggest(paths: string[], o: SuggestOptions, io: CommandIo): Promise<number> {
  const format = parseFormat(o.format, ['text', 'json']);
  const threshold = parseConfidence(o.minConfidence);
  if (paths.length === 0) throw new UsageError('suggest needs a Markdown file or a folder');
  const project = loadProject({ paths, config: o.config, scheme: o.scheme, locale: o.locale, cwd: io.cwd, env: io.env });
  assertUsableProject(project);
  const named = new Set<string>();
  for (const p of paths) {
    const abs = path.resolve(io.cwd, p);
    let st: fs.Stats;
    try {
      st = fs.statSync(abs);
    } catch {
      throw new UsageError(`cannot read ${p}: no such file or folder`);
    }
    if (st.isFile()) named.add(abs);
  }
  const collected = new WorkingTree(project).collect(paths);
  if (collected.missing.length) throw new UsageError(`cannot read ${collected.missing[0].path}: ${collected.missing[0].reason}`);

  const engine = new SuggestionEngine(project.scheme);
  const results: FileResult[] = [];
  let unreadable = 0;
  for (const f of collected.files) {
    const display = rel(io.cwd, f.abs);
    if (f.tooLarge || f.error || !f.bytes) {
      io.stderr.write(`gbt27922: cannot read ${display}: ${f.tooLarge ? `over the ${project.config.maxFileSizeMB} MB limit` : (f.error ?? 'unreadable')}\n`);
      unreadable++;
      continue;
    }
    const decoded = decodeBytes(f.bytes);
    if (!decoded.ok) {
      io.stderr.write(`gbt27922: cannot read ${display}: ${decoded.reason}\n`);
      unreadable++;
      continue;
    }
    const model = parseDocument(decoded.text, project.scheme);
    const isNamed = named.has(f.abs);
    if (model.kind === 'audit' || (!isNamed && model.kind !== 'manual')) continue;
    results.push({ display, abs: f.abs, model, text: decoded.text, encoding: decoded.encoding, sections: suggestDocument(engine, model, decoded.text, { threshold }) });
  }

  const color = useColor(o.color, io.stdout, io.env);
  if (format === 'json') io.stdout.write(JSON.stringify(suggestReport(results, threshold), null, 2) + '\n');
  else io.stdout.write(suggestText(results, threshold, project.scheme, project.locale, color ? COLOR : PLAIN, o.apply === true));

  if (o.apply) {
    const written = applyAll(results, threshold);
    const out = format === 'json' ? io.stderr : io.stdout;
    out.write(appliedText(written, project.locale));
  }
  return unreadable > 0 ? 2 : 0;
}

export function suggestReport(results: readonly { display: string; sections: SectionSuggestions[] }[], threshold: number): SuggestReport {
  return {
    threshold,
    files: results.map((r) => ({
      file: r.display,
      sections: r.sections.map((s) => ({
        line: s.line + 1,
        heading: s.title,
        tags: s.tags,
        suggestions: s.suggestions.map((x) => ({ id: x.id, confidence: x.confidence, matched: x.terms.map((t) => t.term) })),
      })),
    })),
  };
}

function suggestText(results: FileResult[], threshold: number, scheme: Scheme, locale: 'en' | 'zh', c: Palette, applying: boolean): string {
  const zh = locale === 'zh';
  const out: string[] = [];
  let untagged = 0;
  let confident = 0;
  let misfits = 0;
  for (const r of results) {
    const lines: string[] = [];
    for (const s of r.sections) {
      if (s.tags.length === 0) untagged++;
      if (s.suggestions.length === 0) continue;
      const top = s.suggestions[0];
      const sure = top.confidence >= threshold;
      if (s.tags.length === 0 && sure) confident++;
      // Below the threshold is noise in a terminal (the JSON has it).
      if (!sure) continue;
      const describe = (x: (typeof s.suggestions)[number]) => {
        const item = scheme.itemById.get(x.id);
        const why = x.terms.length ? ` (${printable(x.terms.map((t) => t.term).join(zh ? '、' : ', '))})` : '';
        return `${c.cyan(x.id)} ${item ? shortItemTitle(item, locale) : ''} ${x.confidence.toFixed(2)}${why}`;
      };
      const where = `${printable(r.display)}:${s.line + 1}`;
      const title = printable(s.title);
      if (s.misfit) {
        misfits++;
        lines.push(`  ${where}: ${title} [${s.tags.join(', ')}] — ${c.yellow(zh ? '标记可能有误，更像' : 'tag may be wrong, fits')} ${describe(top)}`);
      } else {
        const rest = s.suggestions.slice(1).map((x) => `${x.id} ${x.confidence.toFixed(2)}`);
        lines.push(`  ${where}: ${title} → ${describe(top)}${rest.length ? c.dim(` · ${rest.join(' · ')}`) : ''}`);
      }
    }
    if (lines.length) out.push(c.bold(printable(r.display)), ...lines);
  }
  const files = results.length;
  if (files === 0) out.push(zh ? '没有找到服务手册文件。' : 'No manual files found.');
  else if (zh) {
    out.push(`${files} 个文件中有 ${untagged} 个章节未标记，其中 ${confident} 个有把握的建议（置信度 ≥ ${threshold}）${misfits ? `；${misfits} 个已标记章节可能标错` : ''}。${!applying && confident > 0 ? '加 --apply 写入标记。' : ''}`);
  } else {
    out.push(
      `${untagged} untagged section${untagged === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}, ${confident} with a confident suggestion (≥ ${threshold})${misfits ? `; ${misfits} tagged section${misfits === 1 ? '' : 's'} may be tagged wrong` : ''}.${!applying && confident > 0 ? ' Run with --apply to tag them.' : ''}`,
    );
  }
  return out.join('\n') + '\n';
}

interface Written {
  display: string;
  edits: TagEdit[];
  titles: Map<number, string>;
}

function applyAll(results: FileResult[], threshold: number): Written[] {
  const written: Written[] = [];
  for (const r of results) {
    const edits = planTagEdits(r.model, r.text, r.sections, threshold);
    if (edits.length === 0) continue;
    const text = applyTagEdits(r.text, edits);
    try {
      writeOutputFile(r.abs, encodeText(text, r.encoding), { mode: fs.statSync(r.abs).mode & 0o7777 });
    } catch (e) {
      if (e instanceof OutputFileError) throw new UsageError(e.message.split(r.abs).join(r.display));
      throw e;
    }
    written.push({ display: r.display, edits, titles: new Map(r.sections.map((s) => [s.line, s.title])) });
  }
  return written;
}

function appliedText(written: Written[], locale: 'en' | 'zh'): string {
  const out: string[] = [];
  let n = 0;
  for (const w of written) {
    for (const e of w.edits) {
      out.push(printable(`${w.display}:${e.line + 1}: ${e.newText.trim()} ${w.titles.get(e.line) ?? ''}`));
      n++;
    }
  }
  out.push(locale === 'zh' ? `已在 ${written.length} 个文件中为 ${n} 个章节写入标记。` : `Tagged ${n} section${n === 1 ? '' : 's'} in ${written.length} file${written.length === 1 ? '' : 's'}.`);
  return out.join('\n') + '\n';
}

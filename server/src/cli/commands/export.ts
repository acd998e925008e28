/**
 * `gbt27922 export <file> --format docx|xlsx|pdf|html [-o out] [--template t.docx] [--locale zh|en]
 * [--tags hidden|discreet]`: the deliverables a certification body accepts.
 *
 * - An audit report → the Word report (or the body's template filled, `--template` / config
 *   `reportTemplate`), the Excel score sheet with live formulas, PDF (the Word report converted
 *   by LibreOffice), or an HTML page.
 * - A service manual → the whole manual of the workspace as one Word document (PDF, HTML) with
 *   the coverage matrix as an appendix.
 * Output: `-o`, else the input's name with the format's extension beside it; written through
 * io/outputFile (never through a symlink, never half-written, never onto an input). PDF without
 * LibreOffice: one line and exit 2.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analyseSide, createParser, type AnalysedFile, type Side } from '../analyze';
import { outAudit } from '../build';
import { UsageError } from '../errors';
import { assertUsableProject, isInside, loadProject, rel, type Project } from '../project';
import { WorkingTree } from '../sources';
import type { CommandIo } from './check';
import { parseAsOf } from '../asOf';
import { EXPORT_FORMATS, type ExportFormat } from './exportFormats';
import { OutputFileError, writeOutputFile } from '../../io/outputFile';
import { buildAuditExport } from '../../export/auditData';
import { auditDocument } from '../../export/auditDocument';
import { renderHtml } from '../../export/html';
import { readWorkspaceImage } from '../../export/images';
import { convertOne, findSoffice, LIBREOFFICE_INSTALL_HINT, LibreOfficeError } from '../../export/libreoffice';
import { manualDocument, type ManualFile } from '../../export/manualDocument';
import type { TagDisplay } from '../../export/markdown';
import type { ExportDocument } from '../../export/document';


export interface ExportOptions {
  format?: string;
  output?: string;
  template?: string;
  tags?: string;
  config?: string;
  scheme?: string;
  locale?: string;
  /** The date the report's non-conformities are judged overdue against (default today). */
  asOf?: string;
}

/** Largest template accepted (a Word form with a logo is well under this). */
const MAX_TEMPLATE_BYTES = 20 * 1024 * 1024;

export async function runExport(file: string, o: ExportOptions, io: CommandIo): Promise<number> {
  const format = (o.format ?? 'docx').toLowerCase() as ExportFormat;
  if (!EXPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, not "${o.format}"`);
  const tags = (o.tags ?? 'hidden') as TagDisplay;
  if (tags !== 'hidden' && tags !== 'discreet') throw new UsageError(`--tags must be "hidden" or "discreet", not "${o.tags}"`);
  const abs = path.resolve(io.cwd, file);
  if (!fs.existsSync(abs) || !fs.statSync(abs).isFile()) throw new UsageError(`cannot read ${file}: no such file`);

  // PDF needs LibreOffice: say so before any work.
  const soffice = format === 'pdf' ? findSoffice(io.env) : undefined;
  if (format === 'pdf' && !soffice) {
    throw new UsageError(`PDF export needs LibreOffice (soffice), which was not found on PATH: ${LIBREOFFICE_INSTALL_HINT}; or export --format docx`);
  }

  const project = loadProject({ paths: [file], config: o.config, scheme: o.scheme, locale: o.locale, cwd: io.cwd, env: io.env });
  assertUsableProject(project);
  const L = project.locale;
  const asOf = parseAsOf(o.asOf);
  const tree = new WorkingTree(project);
  const parser = createParser();
  try {
    const side = await analyseSide(project, tree, [file], parser, undefined, { asOf });
    const f = side.files[0];
    if (!f) throw new UsageError(`cannot read ${file}: excluded by the config`);
    if (side.unreadable.length) throw new UsageError(`cannot read ${file}: ${side.unreadable[0].reason}`);
    if (f.kind === 'too-large') throw new UsageError(`${file} is larger than maxFileSizeMB (${project.config.maxFileSizeMB} MB in the config): not analysed, not exported`);
    const target = o.output !== undefined ? path.resolve(io.cwd, o.output) : defaultOutput(abs, format);
    const generatedAt = exportDate(io.env);
    const inputs = [abs];
    let bytes: Uint8Array;
    let what: string;

    if (f.kind === 'audit') {
      const analysis = side.workspace.audits.find((a) => a.uri === f.rel)!;
      const audit = outAudit(analysis, side, L);
      const x = buildAuditExport({ file: f.display, text: f.text!, model: f.model!, analysis, audit, locale: L, generatedAt, tags });
      const template = format === 'docx' || format === 'pdf' ? templatePath(o, project, io) : undefined;
      if (o.template !== undefined && !template) throw new UsageError(`--template fills a Word report: use it with --format docx or pdf, not ${format}`);
      // Each writer's library is initialised only when used (exceljs alone costs ~0.3 s to load).
      if (format === 'xlsx') bytes = (await (await import('../../export/xlsx')).renderXlsx(x.data, analysis, L)).bytes;
      else if (format === 'html') bytes = Buffer.from(renderHtml(auditDocument(x, L)), 'utf8');
      else if (template) {
        inputs.push(template);
        bytes = (await import('../../export/template')).fillTemplate(readTemplate(template, io), x.data, rel(io.cwd, template));
      } else bytes = await docx(auditDocument(x, L));
      what = `${L === 'zh' ? '审核报告' : 'audit report'} (${audit.total}, ${audit.star})`;
    } else if (f.kind === 'manual') {
      if (o.template !== undefined) throw new UsageError('--template fills an audit report; a manual is exported without one');
      if (format === 'xlsx') throw new UsageError('a service manual has no score sheet: export it --format docx, pdf or html (the score sheet is for audit reports)');
      const whole = await analyseSide(project, tree, [project.root], parser);
      const manual = manualSide(whole, f) ?? manualSide(side, f);
      if (!manual) throw new UsageError(`${file} is not part of the workspace's manual`);
      const x = manualDocument({
        files: manual.files,
        manual: manual.analysis,
        scheme: project.scheme,
        locale: L,
        tags,
        generatedAt,
        resolveImage: (fromRel, src, alt) => readWorkspaceImage(project.root, fromRel, src, alt),
      });
      bytes = format === 'html' ? Buffer.from(renderHtml(x), 'utf8') : await docx(x);
      const c = manual.analysis.coverage;
      what = `${L === 'zh' ? '服务手册' : 'service manual'} (${manual.files.length} ${L === 'zh' ? '个文件' : manual.files.length === 1 ? 'file' : 'files'}, ${c.coveredPoints.toFixed(2)}/${c.totalPoints.toFixed(2)})`;
    } else {
      throw new UsageError(`${file} is neither an audit report nor a service manual (no scored entries or clause tags, and no "type:" in its front matter)`);
    }

    if (format === 'pdf') {
      try {
        bytes = await convertOne(bytes, 'docx', 'pdf', { soffice: soffice!, timeoutMs: timeout(io.env) });
      } catch (e) {
        if (e instanceof LibreOfficeError) throw new UsageError(`PDF export failed: ${e.message}`);
        throw e;
      }
    }
    try {
      writeOutputFile(target, bytes, { inputs });
    } catch (e) {
      if (e instanceof OutputFileError) throw new UsageError(e.message.split(target).join(rel(io.cwd, target)));
      throw e;
    }
    io.stderr.write(`gbt27922: ${what} → ${rel(io.cwd, target)}\n`);
    return 0;
  } catch (e) {
    // A template that cannot be filled (template.ts, loaded only for a template) ends with its message.
    if (e instanceof Error && e.name === 'TemplateError') throw new UsageError(e.message);
    throw e;
  } finally {
    await parser.dispose();
  }
}

async function docx(d: ExportDocument): Promise<Buffer> {
  return (await import('../../export/docx')).renderDocx(d);
}

/** `report.md` → `report.docx` beside it. */
export function defaultOutput(input: string, format: ExportFormat): string {
  const base = path.basename(input).replace(/\.(md|markdown)$/i, '');
  return path.join(path.dirname(input), `${base}.${format}`);
}

/**
 * The template to fill: `--template` (the user's choice, anywhere), else the config's
 * `reportTemplate` (relative to the config file). The config is the repository's: its template
 * must be inside the workspace, also after following symbolic links.
 */
function templatePath(o: ExportOptions, project: Project, io: CommandIo): string | undefined {
  if (o.template !== undefined) return path.resolve(io.cwd, o.template);
  const t = project.config.reportTemplate;
  if (!t) return undefined;
  const file = path.resolve(project.configPath ? path.dirname(project.configPath) : project.root, t);
  let real = file;
  try {
    real = fs.realpathSync(file);
  } catch {
    // missing: readTemplate says so
  }
  const root = fs.realpathSync(project.root);
  if (!isInside(root, real)) throw new UsageError(`"reportTemplate" in ${rel(io.cwd, project.configPath ?? project.root)} must name a file inside the workspace, not ${t}`);
  return file;
}

function readTemplate(file: string, io: CommandIo): Uint8Array {
  const shown = rel(io.cwd, file);
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new UsageError(`cannot read the template ${shown}: no such file`);
  }
  if (!st.isFile()) throw new UsageError(`cannot read the template ${shown}: not a file`);
  if (st.size > MAX_TEMPLATE_BYTES) throw new UsageError(`the template ${shown} is larger than ${MAX_TEMPLATE_BYTES / 1024 / 1024} MB`);
  return fs.readFileSync(file);
}

/** The manual's files in the side's analysis (root first, then path order), when `f` is one of them. */
function manualSide(side: Side, f: AnalysedFile): { files: ManualFile[]; analysis: NonNullable<Side['workspace']['manual']> } | undefined {
  const m = side.workspace.manual;
  if (!m || !m.files.includes(f.rel)) return undefined;
  const byRel = new Map(side.files.map((x) => [x.rel, x]));
  const ordered = [...m.files].sort((a, b) => (a === m.root ? -1 : b === m.root ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const files: ManualFile[] = [];
  for (const r of ordered) {
    const x = byRel.get(r);
    if (x?.text !== undefined && x.model) files.push({ rel: x.rel, display: x.display, text: x.text, model: x.model });
  }
  return { files, analysis: m };
}

/** The export date: SOURCE_DATE_EPOCH when set (reproducible files), else today. */
function exportDate(env: NodeJS.ProcessEnv): string {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  const d = env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
  return d.toISOString().slice(0, 10);
}

function timeout(env: NodeJS.ProcessEnv): number {
  const s = Number(env.GBT27922_SOFFICE_TIMEOUT);
  return Number.isFinite(s) && s > 0 ? s * 1000 : 120_000;
}

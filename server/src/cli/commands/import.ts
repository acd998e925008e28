/**
 * `gbt27922 import <file> [-o out.md] [--type manual|audit] [--tags none|suggest|insert]
 * [--min-confidence X] [--force]`: a Word (.docx, Word or WPS), HTML or Markdown file → Markdown
 * in the document language, images in `<out>.assets/`.
 *
 * Output: `-o` (default: the input's name with `.md`, beside it; `-o -` for stdout when there
 * are no images). An existing file is never overwritten without `--force`. Nothing is written
 * until the whole document has converted; images are written first and removed again if the
 * Markdown cannot be written, so a failure leaves no partial output. Bad input: one line, exit 2.
 *
 * When started by the editor (forked with an IPC channel and GBT27922_PROGRESS=ipc) it sends
 * `{ progress: stage }` messages, so a large file shows where the import is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { OutputFileError, writeOutputFile } from '../../io/outputFile';
import { DEFAULT_LIMITS, ImportError, importDocument, type ImportResult, type ImportStage } from '../../import';
import { shortItemTitle } from '../../suggest/engine';
import { UsageError } from '../errors';
import { assertUsableProject, isInside, loadProject, rel } from '../project';
import type { CommandIo } from './check';
import { parseConfidence, printable } from './suggest';

export interface ImportCommandOptions {
  output?: string;
  type?: string;
  tags?: string;
  minConfidence?: string;
  force?: boolean;
  maxSizeMb?: string;
  config?: string;
  scheme?: string;
  locale?: string;
}

const TAG_MODES = ['none', 'suggest', 'insert'] as const;

function progressSender(env: NodeJS.ProcessEnv): ((stage: ImportStage) => void) | undefined {
  if (env.GBT27922_PROGRESS !== 'ipc' || typeof process.send !== 'function') return undefined;
  return (stage) => {
    try {
      process.send!({ progress: stage });
    } catch {
      // The editor went away: the import still finishes.
    }
  };
}

/** Read the input: a regular file, refused by its size before it is read. */
function readInput(file: string, shown: string, maxBytes: number): Uint8Array {
  let st: fs.Stats;
  try {
    st = fs.statSync(file);
  } catch {
    throw new UsageError(`cannot read ${shown}: no such file`);
  }
  if (!st.isFile()) throw new UsageError(`cannot import ${shown}: not a regular file`);
  if (st.size > maxBytes) throw new UsageError(`${shown} is ${(st.size / 1048576).toFixed(1)} MB, over the import limit of ${(maxBytes / 1048576).toFixed(0)} MB`);
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new UsageError(`cannot read ${shown}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
}

export async function runImport(input: string, o: ImportCommandOptions, io: CommandIo): Promise<number> {
  const type = o.type ?? 'manual';
  if (type !== 'manual' && type !== 'audit') throw new UsageError(`--type must be manual or audit, not "${type}"`);
  const tags = o.tags ?? 'suggest';
  if (!(TAG_MODES as readonly string[]).includes(tags)) throw new UsageError(`--tags must be one of ${TAG_MODES.join(', ')}, not "${tags}"`);
  const threshold = parseConfidence(o.minConfidence);
  let maxInputBytes = DEFAULT_LIMITS.maxInputBytes;
  if (o.maxSizeMb !== undefined) {
    const n = Number(o.maxSizeMb);
    if (!Number.isFinite(n) || n <= 0 || n > 1024) throw new UsageError(`--max-size must be a number of MB from 1 to 1024, not "${o.maxSizeMb}"`);
    maxInputBytes = Math.round(n * 1048576);
  }

  const inputAbs = path.resolve(io.cwd, input);
  const shownInput = printable(rel(io.cwd, inputAbs));
  const toStdout = o.output === '-';
  const outAbs = toStdout ? undefined : path.resolve(io.cwd, o.output ?? inputAbs.replace(/\.[^./\\]*$/, '') + '.md');
  if (outAbs && outAbs === inputAbs) throw new UsageError(`the output would overwrite ${shownInput}; choose another file with -o`);
  const project = loadProject({ paths: [outAbs ? path.dirname(outAbs) : path.dirname(inputAbs)], config: o.config, scheme: o.scheme, locale: o.locale, cwd: io.cwd, env: io.env });
  assertUsableProject(project);
  const zh = project.locale === 'zh';
  const shownOut = outAbs ? printable(rel(io.cwd, outAbs)) : '-';
  if (outAbs && !o.force && fs.existsSync(outAbs)) throw new UsageError(`${shownOut} already exists; use --force to overwrite it, or -o to choose another file`);

  const bytes = readInput(inputAbs, shownInput, maxInputBytes);
  const base = outAbs ? path.basename(outAbs).replace(/\.(md|markdown)$/i, '') : path.basename(inputAbs).replace(/\.[^.]*$/, '');
  const assetsDir = `${base}.assets`;
  const inputDir = path.dirname(inputAbs);
  let result: ImportResult;
  try {
    result = await importDocument(bytes, {
      fileName: path.basename(inputAbs),
      type,
      assetsDir,
      tags: tags as (typeof TAG_MODES)[number],
      threshold,
      scheme: project.scheme,
      limits: { ...DEFAULT_LIMITS, maxInputBytes },
      readLocalImage: (src) => readBesideImage(inputDir, src),
      onProgress: progressSender(io.env),
    });
  } catch (e) {
    if (e instanceof ImportError) throw new UsageError(printable(e.message));
    throw e;
  }

  if (!outAbs) {
    if (result.assets.length > 0) throw new UsageError(`${shownInput} has ${result.assets.length} image(s): write to a file with -o so they can go into a .assets folder`);
    io.stdout.write(result.markdown);
  } else {
    writeAll(outAbs, assetsDir, result, o.force === true, inputAbs, shownOut);
  }

  // The report goes to stderr when the Markdown went to stdout.
  const report = toStdout ? io.stderr : io.stdout;
  const s = result.stats;
  const what = zh
    ? `${s.headings} 个标题（${s.pseudoHeadings} 个由加粗或编号段落识别）、${s.tables} 个表格、${result.assets.length} 张图片${result.assets.length ? `（${assetsDir}/）` : ''}${s.footnotes ? `、${s.footnotes} 个脚注` : ''}`
    : `${s.headings} headings (${s.pseudoHeadings} from bold or numbered paragraphs), ${s.tables} tables, ${result.assets.length} images${result.assets.length ? ` (${assetsDir}/)` : ''}${s.footnotes ? `, ${s.footnotes} footnotes` : ''}`;
  report.write(zh ? `已导入 ${shownInput} → ${shownOut}：${printable(what)}\n` : `Imported ${shownInput} → ${shownOut}: ${printable(what)}\n`);
  for (const w of result.warnings.slice(0, 10)) io.stderr.write(`gbt27922: ${shownInput}: ${printable(w)}\n`);
  if (tags === 'insert') {
    report.write(zh ? `已为 ${result.inserted} 个章节写入建议的条款标记（置信度 ≥ ${threshold}）。\n` : `Tagged ${result.inserted} section${result.inserted === 1 ? '' : 's'} with suggested clauses (confidence ≥ ${threshold}).\n`);
  } else if (tags === 'suggest') {
    const confident = result.suggestions.filter((x) => x.tags.length === 0 && x.suggestions[0] && x.suggestions[0].confidence >= threshold);
    for (const x of confident.slice(0, 60)) {
      const top = x.suggestions[0];
      const item = project.scheme.itemById.get(top.id);
      report.write(`  ${shownOut}:${x.line + 1}: ${printable(x.title)} → ${top.id} ${item ? printable(shortItemTitle(item, project.locale)) : ''} ${top.confidence.toFixed(2)} (${printable(top.terms.map((t) => t.term).join(zh ? '、' : ', '))})\n`);
    }
    if (confident.length > 60) report.write(`  … (+${confident.length - 60})\n`);
    if (confident.length > 0 && outAbs) {
      report.write(
        zh
          ? `${confident.length} 个章节有把握的条款建议：运行 gbt27922 suggest ${shownOut} --apply 写入标记。\n`
          : `${confident.length} section${confident.length === 1 ? '' : 's'} with a confident clause suggestion: run gbt27922 suggest ${shownOut} --apply to tag them.\n`,
      );
    }
  }
  return 0;
}

/** Images first (named by content, so an existing one is the same picture), the Markdown last; on failure the new images go again. */
function writeAll(outAbs: string, assetsDir: string, result: ImportResult, force: boolean, inputAbs: string, shownOut: string): void {
  const dir = path.join(path.dirname(outAbs), assetsDir);
  const created: string[] = [];
  const createdDir = result.assets.length > 0 && !fs.existsSync(dir);
  try {
    for (const a of result.assets) {
      const file = path.join(dir, a.name);
      if (!isInside(dir, file)) continue;
      const existed = fs.existsSync(file);
      writeOutputFile(file, a.bytes, { inputs: [inputAbs] });
      if (!existed) created.push(file);
    }
    writeOutputFile(outAbs, result.markdown, { exclusive: !force, inputs: [inputAbs] });
  } catch (e) {
    for (const f of created) fs.rmSync(f, { force: true });
    if (createdDir) fs.rmSync(dir, { recursive: true, force: true });
    if (e instanceof OutputFileError) {
      if (!force && /already exists$/.test(e.message)) throw new UsageError(`${shownOut} already exists; use --force to overwrite it, or -o to choose another file`);
      throw new UsageError(printable(e.message));
    }
    throw e;
  }
}

/** An image a saved web page refers to: a regular file inside the page's folder, at most 20 MB; else none. */
function readBesideImage(dir: string, src: string): Uint8Array | undefined {
  const file = path.resolve(dir, src);
  if (!isInside(dir, file) || file === dir) return undefined;
  try {
    const st = fs.lstatSync(file);
    if (!st.isFile() || st.size > 20 * 1048576) return undefined;
    return fs.readFileSync(file);
  } catch {
    return undefined;
  }
}

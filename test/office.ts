/**
 * Real office software for the export tests: LibreOffice headless reads what we write (docx →
 * PDF and text, xlsx → CSV after recalculating every formula), poppler renders and reads PDFs
 * (pdftoppm, pdftotext, pdfinfo). Plus the structural checks of an OOXML package and the
 * expected values of samples/EXPECTED.md.
 *
 * A missing tool fails under CI=true (CI installs them: scripts/vscode-env.sh) and is a visible
 * skip elsewhere, with the command that installs it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import PizZip from 'pizzip';
import { convertOne, convertWithLibreOffice, findSoffice } from '../server/src/export/libreoffice';

export const REPO = path.resolve(__dirname, '..');
export const RESULTS = path.join(REPO, 'test-results', 'export');
export const INSTALL = 'apt-get install -y libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils (or: bash scripts/vscode-env.sh)';

const has = (cmd: string, arg = '-v') => spawnSync(cmd, [arg], { encoding: 'utf8' }).error === undefined;

/** LibreOffice and poppler, or a failure (CI) / skip (elsewhere) naming the install command. */
export function requireOffice(ctx: Mocha.Context): string {
  const soffice = findSoffice({ ...process.env, GBT27922_SOFFICE: undefined });
  const missing = [!soffice && 'LibreOffice (soffice)', !has('pdftoppm') && 'pdftoppm', !has('pdftotext') && 'pdftotext', !has('pdfinfo') && 'pdfinfo'].filter(Boolean);
  if (missing.length === 0) return soffice!;
  const msg = `${missing.join(', ')} not installed: ${INSTALL}`;
  if (process.env.CI) throw new Error(`${msg} — CI must install it`);
  process.stderr.write(`      skipped: ${msg}\n`);
  ctx.skip();
}

/** The text LibreOffice reads from a .docx (one table cell per line). */
export async function docxText(bytes: Uint8Array, soffice: string): Promise<string> {
  return (await convertOne(bytes, 'docx', 'txt:Text (encoded):UTF8', { soffice })).toString('utf8').replace(/^\uFEFF/, '');
}

export async function docxPdf(bytes: Uint8Array, soffice: string): Promise<Buffer> {
  return convertOne(bytes, 'docx', 'pdf', { soffice });
}

/** Every sheet as CSV rows after LibreOffice recalculated every formula (by sheet name). */
export async function xlsxSheets(bytes: Uint8Array, soffice: string): Promise<Map<string, string[][]>> {
  // Comma, double quote, UTF-8, from line 1; raw values (not "as shown"); every sheet (-1).
  const files = await convertWithLibreOffice(bytes, 'xlsx', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', { soffice, recalculate: true });
  const out = new Map<string, string[][]>();
  for (const [name, data] of files) out.set(name.replace(/^document-/, '').replace(/\.csv$/, ''), parseCsv(data.toString('utf8')));
  return out;
}

export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',' || c === '\n') {
      row.push(field);
      field = '';
      if (c === '\n') {
        rows.push(row);
        row = [];
      }
    } else if (c !== '\r') field += c;
  }
  if (field || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** First page of a PDF as a PNG under test-results/export/ (for a person to look at); returns the file. */
export function renderFirstPage(pdf: Uint8Array, name: string): string {
  fs.mkdirSync(RESULTS, { recursive: true });
  const pdfFile = path.join(RESULTS, `${name}.pdf`);
  fs.writeFileSync(pdfFile, pdf);
  const prefix = path.join(RESULTS, `${name}-page`);
  const r = spawnSync('pdftoppm', ['-png', '-r', '70', '-f', '1', '-l', '1', '-singlefile', pdfFile, prefix], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftoppm failed: ${r.stderr}`);
  return `${prefix}.png`;
}

export function pdfText(pdf: Uint8Array, pages?: { first: number; last: number }): string {
  const r = spawnSync('pdftotext', [...(pages ? ['-f', String(pages.first), '-l', String(pages.last)] : []), '-layout', '-', '-'], { input: pdf, maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) throw new Error(`pdftotext failed: ${r.stderr.toString()}`);
  return r.stdout.toString('utf8');
}

export function pdfInfo(pdf: Uint8Array): { pages: number; pageSize: string } {
  const r = spawnSync('pdfinfo', ['-'], { input: pdf });
  const out = r.stdout.toString('utf8');
  return { pages: Number(/^Pages:\s+(\d+)/m.exec(out)?.[1] ?? 0), pageSize: /^Page size:\s+(.+)$/m.exec(out)?.[1]?.trim() ?? '' };
}

// ---------------------------------------------------------------------------------------------
// OOXML structure

// eslint-disable-next-line no-control-regex
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

/**
 * What would make Word or Excel say the file needs repair: a part that is not well-formed XML
 * (or holds a character XML 1.0 forbids), a part without a content type, a relationship to a
 * part that is not there. Empty when the package is sound.
 */
export function ooxmlProblems(bytes: Uint8Array): string[] {
  const problems: string[] = [];
  let zip: PizZip;
  try {
    zip = new PizZip(bytes);
  } catch (e) {
    return [`not a zip package: ${(e as Error).message}`];
  }
  const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
  const types = zip.file('[Content_Types].xml')?.asText();
  if (!types) return ['no [Content_Types].xml'];
  const defaults = new Set([...types.matchAll(/<Default\b[^>]*Extension="([^"]+)"/g)].map((m) => m[1].toLowerCase()));
  const overrides = new Set([...types.matchAll(/<Override\b[^>]*PartName="([^"]+)"/g)].map((m) => m[1]));
  for (const name of names) {
    const ext = name.split('.').pop()!.toLowerCase();
    if (name !== '[Content_Types].xml' && !defaults.has(ext) && !overrides.has(`/${name}`)) problems.push(`${name}: no content type`);
    if (ext !== 'xml' && ext !== 'rels') continue;
    const text = zip.file(name)!.asText();
    if (NOT_XML_CHAR.test(text)) problems.push(`${name}: a character XML 1.0 forbids`);
    try {
      new DOMParser({
        onError: (level, msg) => {
          if (level !== 'warning') throw new Error(msg);
        },
      }).parseFromString(text, 'text/xml');
    } catch (e) {
      problems.push(`${name}: not well-formed: ${(e as Error).message.split('\n')[0]}`);
    }
    if (ext === 'rels') {
      const base = path.posix.dirname(path.posix.dirname(name));
      for (const m of text.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
        const attrs = m[1];
        if (/TargetMode="External"/.test(attrs)) continue;
        const target = /Target="([^"]+)"/.exec(attrs)?.[1] ?? '';
        const resolved = target.startsWith('/') ? target.slice(1) : path.posix.normalize(path.posix.join(base === '.' ? '' : base, target));
        if (!names.includes(resolved)) problems.push(`${name}: relationship to missing part ${target}`);
      }
    }
  }
  for (const part of overrides) if (!names.includes(part.slice(1))) problems.push(`[Content_Types].xml: override for missing part ${part}`);
  return problems;
}

/** A part of a package as text. */
export function part(bytes: Uint8Array, name: string): string {
  const f = new PizZip(bytes).file(name);
  if (!f) throw new Error(`no ${name} in the package`);
  return f.asText();
}

export function partNames(bytes: Uint8Array): string[] {
  const zip = new PizZip(bytes);
  return Object.keys(zip.files).filter((n) => !zip.files[n].dir);
}

// ---------------------------------------------------------------------------------------------
// samples/EXPECTED.md

export interface ExpectedReport {
  total: string;
  star: string;
  groups: Map<string, { earned: string; applicable: string }>;
  /** Item → points and earned ('' when not applicable). */
  items: Map<string, { points: string; earned: string }>;
}

/** The expected values of the two 2026 sample reports (sections 3, 4 and the per-item table 逐项得分 of samples/EXPECTED.md). */
export function expectedReports(): { main: ExpectedReport; tenStar: ExpectedReport } {
  const text = fs.readFileSync(path.join(REPO, 'samples', 'EXPECTED.md'), 'utf8');
  const section = (n: number) => text.split(/^## /m).find((s) => s.startsWith(`${n}.`)) ?? '';
  const s3 = section(3);
  const s4 = section(4);
  const s6 = text.split(/^## /m).find((s) => /^\d+\. 逐项得分/.test(s)) ?? '';
  const read = (s: string, column: 0 | 1): ExpectedReport => {
    const total = /总分 ([\d.]+)/.exec(s)?.[1];
    const star = column === 0 ? /总分 [\d.]+，(\S+?级)/.exec(s)?.[1] : /星级：(\S+?级)/.exec(s)?.[1];
    const groups = new Map<string, { earned: string; applicable: string }>();
    for (const m of s.matchAll(/(5\.\d)[：\s]+\*\*([\d.]+) \/ (\d+)\*\*/g)) groups.set(m[1], { earned: m[2], applicable: Number(m[3]).toFixed(2) });
    const items = new Map<string, { points: string; earned: string }>();
    for (const m of s6.matchAll(/^\| (5\.\d\.\d\.\d) \| ([\d.]+) \| [^|]+ \| ([^|]+) \| [^|]+ \| ([^|]+) \|$/gm)) {
      const earned = (column === 0 ? m[3] : m[4]).trim();
      items.set(m[1], { points: m[2], earned: earned === '—' ? '' : earned });
    }
    if (!total || !star || groups.size !== 3 || items.size !== 50) throw new Error(`samples/EXPECTED.md: could not read the expected values (total ${total}, star ${star}, ${groups.size} groups, ${items.size} items)`);
    return { total, star, groups, items };
  };
  return { main: read(s3, 0), tenStar: read(s4, 1) };
}

/**
 * What an input file is, and whether it is safe to convert, decided before any converter sees it:
 * - sniffed by its bytes, not its name: a zip (.docx), an OLE compound file (a legacy .doc, or an
 *   encrypted / password-protected Office file, which Office stores as OLE with `EncryptionInfo`),
 *   HTML or Markdown by extension, anything else refused;
 * - a .docx's zip central directory is read first (yauzl; nothing inflated): too many entries, or
 *   inflated sizes over the limits (in total, per part, or by compression ratio) refuse it as a
 *   zip bomb before a byte is inflated;
 * - then every part is inflated as a stream, bytes counted against the sizes the directory
 *   declared (a lying directory stops at the first extra byte), memory bounded by the stream's
 *   buffer; XML parts are scanned for `<!DOCTYPE` / `<!ENTITY` (Word never writes them: external
 *   entities are refused, never resolved), and relationship parts for pictures linked to an
 *   outside file or URL (refused, never fetched).
 * Every refusal is an `ImportError` with one line a user can act on. Pure Node; no editor imports.
 */
import * as CFB from 'cfb';
import * as yauzl from 'yauzl';

export class ImportError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImportError';
  }
}

export interface ImportLimits {
  /** Largest input file (bytes). */
  maxInputBytes: number;
  /** Largest total of the inflated parts of a .docx (bytes). */
  maxInflatedBytes: number;
  /** Largest inflated XML part (bytes): the converter holds it as a DOM. */
  maxXmlPartBytes: number;
  /** Most entries in the zip. */
  maxEntries: number;
  /** Highest inflated ÷ compressed ratio for a part over 1 MB inflated. */
  maxRatio: number;
}

const MB = 1024 * 1024;

export const DEFAULT_LIMITS: ImportLimits = {
  maxInputBytes: 50 * MB,
  maxInflatedBytes: 256 * MB,
  maxXmlPartBytes: 64 * MB,
  maxEntries: 5000,
  maxRatio: 200,
};

export type InputKind = 'docx' | 'html' | 'markdown';

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const EMPTY_ZIP_MAGIC = [0x50, 0x4b, 0x05, 0x06];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, magic: number[]): boolean {
  return bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);
}

function mb(n: number): string {
  return `${(n / MB).toFixed(n < 10 * MB ? 1 : 0)} MB`;
}

/** The kind of an input by its bytes (and, for text, its extension). Throws ImportError for what cannot be imported. */
export function sniffInput(bytes: Uint8Array, fileName: string, limits: ImportLimits = DEFAULT_LIMITS): InputKind {
  if (bytes.length > limits.maxInputBytes) {
    throw new ImportError(`${fileName} is ${mb(bytes.length)}, over the import limit of ${mb(limits.maxInputBytes)}`);
  }
  if (startsWith(bytes, OLE_MAGIC)) throw new ImportError(oleReason(bytes, fileName));
  if (startsWith(bytes, ZIP_MAGIC) || startsWith(bytes, EMPTY_ZIP_MAGIC)) return 'docx';
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase() ?? '';
  if (ext === 'docx' || ext === 'docm' || ext === 'dotx' || ext === 'wps' || ext === 'doc') {
    if (/^\s*(<!doctype html|<html)/i.test(Buffer.from(bytes.subarray(0, 512)).toString('latin1'))) {
      throw new ImportError(`${fileName} is an HTML page saved with a Word extension: rename it to .html and import it again`);
    }
    if (/^\s*\{\\rtf/.test(Buffer.from(bytes.subarray(0, 16)).toString('latin1'))) {
      throw new ImportError(`${fileName} is an RTF file, not a Word document: open it in Word or WPS and save it as .docx`);
    }
    throw new ImportError(`${fileName} is not a Word document (.docx is a zip file; this is not one)`);
  }
  if (ext === 'html' || ext === 'htm' || ext === 'xhtml') return 'html';
  if (ext === 'md' || ext === 'markdown') return 'markdown';
  throw new ImportError(`${fileName}: cannot import this kind of file; import a .docx (Word or WPS), .html/.htm or .md file`);
}

/** Why an OLE compound file cannot be imported: encrypted, a legacy .doc, or something else. */
function oleReason(bytes: Uint8Array, fileName: string): string {
  let names: string[] = [];
  try {
    const cfb = CFB.read(Buffer.from(bytes), { type: 'buffer' });
    names = cfb.FullPaths.map((p) => p.replace(/\/$/, '').split('/').pop() ?? '');
  } catch {
    return `${fileName} is a damaged Office file (its compound file structure cannot be read)`;
  }
  const has = (n: string) => names.some((x) => x.toLowerCase() === n.toLowerCase());
  if (has('EncryptionInfo') || has('EncryptedPackage')) {
    return `${fileName} is encrypted (password-protected): open it in Word or WPS, remove the password (文件 › 信息 › 保护文档 / File › Info › Protect Document), save, and import it again`;
  }
  if (has('WordDocument')) {
    return `${fileName} is a legacy Word 97–2003 .doc: open it in Word or WPS and save it as .docx (Word 文档), then import the .docx`;
  }
  return `${fileName} is an Office compound file but not a Word document`;
}

export interface DocxInspection {
  entries: number;
  inflatedBytes: number;
  /** Part names (zip entry names). */
  parts: string[];
}

function openZip(bytes: Uint8Array): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true }, (err, zip) => {
      if (err || !zip) reject(err ?? new Error('cannot open the zip'));
      else resolve(zip);
    });
  });
}

function readEntries(zip: yauzl.ZipFile, limits: ImportLimits, fileName: string): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    const entries: yauzl.Entry[] = [];
    zip.on('entry', (e: yauzl.Entry) => {
      entries.push(e);
      if (entries.length > limits.maxEntries) {
        zip.close();
        reject(new ImportError(`${fileName} has more than ${limits.maxEntries} parts: refused (a Word document has a few dozen)`));
        return;
      }
      zip.readEntry();
    });
    zip.on('end', () => resolve(entries));
    zip.on('error', reject);
    zip.readEntry();
  });
}

const XML_PART = /\.(xml|rels|vml)$/i;
const FORBIDDEN_XML = /<!\s*(doctype|entity)/i;
/** A relationship element (checked for pictures outside the package). */
const EXTERNAL_REL = /<Relationship\b[^>]*>/gi;

/**
 * Check a .docx's zip before conversion (see the module comment). Resolves with what it found;
 * rejects with ImportError for anything refused.
 */
export async function inspectDocx(bytes: Uint8Array, fileName: string, limits: ImportLimits = DEFAULT_LIMITS): Promise<DocxInspection> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(bytes);
  } catch (e) {
    throw new ImportError(`${fileName} is not a valid .docx: the zip is damaged (${shortReason(e)})`);
  }
  let entries: yauzl.Entry[];
  try {
    entries = await readEntries(zip, limits, fileName);
  } catch (e) {
    zip.close();
    if (e instanceof ImportError) throw e;
    throw new ImportError(`${fileName} is not a valid .docx: the zip is damaged (${shortReason(e)})`);
  }

  // 1. The central directory alone: nothing inflated yet.
  let declared = 0;
  for (const e of entries) {
    if (e.isEncrypted()) {
      zip.close();
      throw new ImportError(`${fileName} is encrypted (a zip entry is password-protected): remove the password and save it again`);
    }
    declared += e.uncompressedSize;
    const tooRatio = e.uncompressedSize > MB && e.uncompressedSize / Math.max(1, e.compressedSize) > limits.maxRatio;
    if (declared > limits.maxInflatedBytes || tooRatio || (XML_PART.test(e.fileName) && e.uncompressedSize > limits.maxXmlPartBytes)) {
      zip.close();
      throw new ImportError(
        `${fileName} would inflate to ${tooRatio ? `${mb(e.uncompressedSize)} from ${mb(e.compressedSize)} in one part` : `more than ${mb(XML_PART.test(e.fileName) && e.uncompressedSize > limits.maxXmlPartBytes ? limits.maxXmlPartBytes : limits.maxInflatedBytes)}`} (a zip bomb, or far larger than any manual): refused before inflating`,
      );
    }
  }
  const names = entries.map((e) => e.fileName);
  if (!names.includes('word/document.xml') && !names.some((n) => /^word\/document\d*\.xml$/.test(n))) {
    zip.close();
    throw new ImportError(`${fileName} is a zip file but not a Word document (no word/document.xml${names.includes('xl/workbook.xml') ? '; it looks like an Excel workbook' : names.includes('ppt/presentation.xml') ? '; it looks like a PowerPoint file' : ''})`);
  }

  // 2. Inflate as streams: sizes verified against the directory, XML scanned, memory bounded.
  try {
    for (const e of entries) {
      if (e.fileName.endsWith('/')) continue;
      const keep = /\.rels$/i.test(e.fileName);
      const text = await scanEntry(zip, e, XML_PART.test(e.fileName), keep, fileName);
      if (keep && text !== undefined) checkRelationships(text, fileName);
    }
  } finally {
    zip.close();
  }
  return { entries: entries.length, inflatedBytes: declared, parts: names };
}

function openStream(zip: yauzl.ZipFile, e: yauzl.Entry): Promise<NodeJS.ReadableStream> {
  return new Promise((resolve, reject) => zip.openReadStream(e, (err, s) => (err || !s ? reject(err ?? new Error('cannot read')) : resolve(s))));
}

/** Inflate one entry, scanning XML for DOCTYPE/ENTITY; returns the text when `keep` (small .rels parts). */
async function scanEntry(zip: yauzl.ZipFile, e: yauzl.Entry, xml: boolean, keep: boolean, fileName: string): Promise<string | undefined> {
  let stream: NodeJS.ReadableStream;
  try {
    stream = await openStream(zip, e);
  } catch (err) {
    throw new ImportError(`${fileName} is not a valid .docx: part ${e.fileName} cannot be read (${shortReason(err)})`);
  }
  return new Promise((resolve, reject) => {
    let tail = '';
    const kept: Buffer[] = [];
    let keptBytes = 0;
    stream.on('data', (chunk: Buffer) => {
      if (xml) {
        const text = tail + chunk.toString('latin1');
        if (FORBIDDEN_XML.test(text)) {
          (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
          reject(new ImportError(`${fileName} declares a DOCTYPE or XML entities in ${e.fileName} (external entities are never resolved; Word does not write them): refused`));
          return;
        }
        tail = text.slice(-16);
      }
      if (keep && keptBytes < 4 * MB) {
        kept.push(chunk);
        keptBytes += chunk.length;
      }
    });
    stream.on('error', (err) => reject(new ImportError(`${fileName} is not a valid .docx: part ${e.fileName} is damaged (${shortReason(err)})`)));
    stream.on('end', () => resolve(keep ? Buffer.concat(kept).toString('utf8') : undefined));
  });
}

/** Pictures and objects linked (not embedded) to a URL or a file outside the package are refused. */
function checkRelationships(xml: string, fileName: string): void {
  for (const m of xml.matchAll(EXTERNAL_REL)) {
    const rel = m[0];
    if (!/TargetMode\s*=\s*["']External["']/i.test(rel)) continue;
    const type = /Type\s*=\s*["']([^"']*)["']/i.exec(rel)?.[1] ?? '';
    // Only pictures are loaded by the converter; hyperlinks stay links, and an attached template
    // (settings.xml.rels names Normal.dotm on the author's disk) is never read.
    if (!/\/image$/i.test(type)) continue;
    const target = /Target\s*=\s*["']([^"']*)["']/i.exec(rel)?.[1] ?? '';
    const what = 'a picture';
    const shown = target.length > 80 ? `${target.slice(0, 80)}…` : target;
    throw new ImportError(
      `${fileName} links ${what} to ${/^[a-z][a-z0-9+.-]*:\/\//i.test(target) ? 'a remote address' : 'an outside file'} (${shown}), which is never fetched: embed the picture in Word (插入 › 图片, not 链接到文件) and import again`,
    );
  }
}

function shortReason(e: unknown): string {
  const m = e instanceof Error ? e.message : String(e);
  return m.split('\n')[0].slice(0, 160);
}

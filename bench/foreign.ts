/**
 * The foreign corpus: real Markdown that is not ours — the README and docs files of the npm
 * packages installed in this repository's node_modules (what someone's own documentation
 * repository looks like to the extension). Chosen deterministically: every `README*.md` and
 * every `.md` under a `doc`/`docs` folder of a package, in path order, each distinct text once
 * (nested copies of a package are the same file); so the corpus follows package-lock.json. The
 * results list every file by path, size and SHA-1, and the corpus by one hash over that list.
 *
 * Written under BENCH_ROOT/foreign with `node_modules/` taken out of the paths (the server and
 * the CLI skip node_modules folders, as a user's config would).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeCorpus, type GeneratedFile, type WrittenCorpus } from './corpus';

export interface ForeignFile {
  /** Path under node_modules. */
  source: string;
  /** Path in the written corpus. */
  path: string;
  bytes: number;
  sha1: string;
}

export interface ForeignCorpus {
  corpus: WrittenCorpus;
  files: ForeignFile[];
  /** SHA-256 over the list (path, SHA-1 of each file), the corpus's identity. */
  hash: string;
}

const README = /^readme(?:\.[\w-]+)?\.md$/i;

function walk(dir: string, rel: string, inDocs: boolean, out: string[]): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  for (const e of entries) {
    // Real folders and files only: node_modules/.bin holds symlinks.
    if (e.isSymbolicLink()) continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) walk(path.join(dir, e.name), r, inDocs || /^docs?$/i.test(e.name), out);
    else if (e.isFile() && /\.md$/i.test(e.name) && (inDocs || README.test(e.name))) out.push(r);
  }
}

/** The README and docs Markdown of the installed packages (see the module comment). */
export function foreignFiles(repoRoot: string): { files: GeneratedFile[]; list: ForeignFile[] } {
  const root = path.join(repoRoot, 'node_modules');
  const found: string[] = [];
  walk(root, '', false, found);
  found.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const seen = new Set<string>();
  const files: GeneratedFile[] = [];
  const list: ForeignFile[] = [];
  for (const source of found) {
    const buf = readFileSync(path.join(root, source));
    const sha1 = createHash('sha1').update(buf).digest('hex');
    if (seen.has(sha1)) continue;
    seen.add(sha1);
    const target = source.split('/').filter((s) => s !== 'node_modules').join('/');
    files.push({ path: target, text: buf.toString('utf8') });
    list.push({ source: `node_modules/${source}`, path: target, bytes: buf.length, sha1 });
  }
  return { files, list };
}

export function writeForeignCorpus(repoRoot: string): ForeignCorpus {
  const { files, list } = foreignFiles(repoRoot);
  const h = createHash('sha256');
  for (const f of list) h.update(f.path).update('\0').update(f.sha1).update('\0');
  return { corpus: writeCorpus('foreign', files), files: list, hash: h.digest('hex') };
}

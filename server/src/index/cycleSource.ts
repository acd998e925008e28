/**
 * The language server's side of the certification cycle (analysis/cycle.ts): the report a
 * `previous:` names, from the workspace index when it is indexed or open, else read from disk
 * under the workspace's rules — a regular file inside the workspace folder (no symlink leading
 * out), within the file-size limit, and at most READ_BUDGET_BYTES of such reads per chain walk
 * (a chain of many large files stops with a clear message instead of reading without end).
 * Files read this way are kept by path, size and mtime so a walk does not parse them again.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CycleSource, PreviousLookup, ReportRef } from '../analysis/cycle';
import type { DocumentModel } from '../model/types';
import type { Scheme } from '../scheme/types';
import type { FolderState } from './folder';
import { readFileForIndex } from './fileRead';
import { isInside, pathToUri, uriToPath } from './uri';

/** Bytes of previous reports read from disk (not already in the index) per chain walk. */
export const READ_BUDGET_BYTES = 32 * 1024 * 1024;

export interface IndexedReport {
  model?: DocumentModel;
  scheme: Scheme;
  /** Why the index could not analyse the file (too large, not text). */
  readProblem?: string;
}

export interface CycleHost {
  /** The index's entry for a document (open or indexed). */
  indexed(uri: string): IndexedReport | undefined;
  /** Parse a text read from disk as a document of `folder` at `filePath`. */
  parse(text: string, filePath: string, folder: FolderState): { model: DocumentModel; scheme: Scheme };
  /** Audit reports of a folder whose `previous:` names `uri`. */
  successors(folder: FolderState, uri: string): ReportRef[];
}

interface DiskEntry {
  size: number;
  mtimeMs: number;
  result: PreviousLookup;
}

/** Outside what may be read: URLs, absolute paths. */
function notAPath(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target) || path.isAbsolute(target) || target.startsWith('\\');
}

export const unreadable = (detail: string, detailZh: string, uri?: string): PreviousLookup => ({ kind: 'unreadable', detail, detailZh, ...(uri ? { uri } : {}) });

/** Where `previous:` written in `fromPath` points, and whether it is inside `root`. */
export function resolvePreviousPath(fromPath: string, target: string, root: string): { abs?: string; inside: boolean } {
  const t = target.trim();
  if (!t || notAPath(t)) return { inside: false };
  const abs = path.resolve(path.dirname(fromPath), t.split('/').join(path.sep));
  return { abs, inside: isInside(root, abs) };
}

export class IndexCycleSource implements CycleSource {
  private budget = READ_BUDGET_BYTES;

  constructor(
    private readonly host: CycleHost,
    private readonly folder: FolderState,
    private readonly disk: Map<string, DiskEntry>,
    private readonly maxBytes: number,
  ) {}

  name(uri: string): string {
    const p = uriToPath(uri);
    return p && this.folder.root && isInside(this.folder.root, p) ? this.folder.rel(p) : p ? path.basename(p) : uri;
  }

  successors(uri: string): ReportRef[] {
    return this.host.successors(this.folder, uri);
  }

  previous(fromUri: string, target: string): PreviousLookup {
    const fromPath = uriToPath(fromUri);
    const root = this.folder.root;
    if (!fromPath || !root) return unreadable('the report is not a file on disk', '本报告不是磁盘上的文件');
    const { abs, inside } = resolvePreviousPath(fromPath, target, root);
    if (!abs) return unreadable('not a relative path', '不是相对路径');
    const uri = pathToUri(abs);
    if (!inside) return unreadable('it is outside the workspace, and is not read', '位于工作区之外，未读取', uri);
    const indexed = this.host.indexed(uri);
    if (indexed?.model) return indexed.model.kind === 'audit' ? { kind: 'report', report: { uri, model: indexed.model, scheme: indexed.scheme } } : { kind: 'not-audit', uri };
    if (indexed?.readProblem) return unreadable(indexed.readProblem, indexed.readProblem, uri);
    return this.fromDisk(abs, uri, root);
  }

  private fromDisk(abs: string, uri: string, root: string): PreviousLookup {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(abs);
      // A symlink may point anywhere: only a regular file whose real path is inside the workspace is read.
      const real = fs.realpathSync(abs);
      if (!isInside(fs.realpathSync(root), real)) return unreadable('it leads outside the workspace, and is not read', '指向工作区之外，未读取', uri);
    } catch {
      return unreadable('no such file', '文件不存在', uri);
    }
    if (!stat.isFile()) return unreadable('not a file', '不是文件', uri);
    const hit = this.disk.get(abs);
    if (hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) return hit.result;
    if (stat.size > this.maxBytes) return unreadable(`it is larger than ${Math.round(this.maxBytes / 1024 / 1024)} MB`, `超过 ${Math.round(this.maxBytes / 1024 / 1024)} MB`, uri);
    if (stat.size > this.budget) return unreadable('the read budget for previous reports is used up', '读取上次审核报告的额度已用完', uri);
    this.budget -= stat.size;
    const read = readFileForIndex({ path: abs, maxBytes: this.maxBytes });
    let result: PreviousLookup;
    if (read.kind === 'text') {
      const { model, scheme } = this.host.parse(read.text, abs, this.folder);
      result = model.kind === 'audit' ? { kind: 'report', report: { uri, model, scheme } } : { kind: 'not-audit', uri };
    } else if (read.kind === 'too-large') result = unreadable(`it is larger than ${Math.round(this.maxBytes / 1024 / 1024)} MB`, `超过 ${Math.round(this.maxBytes / 1024 / 1024)} MB`, uri);
    else if (read.kind === 'not-text') result = unreadable(`it is not readable text (${read.reason})`, `不是可读文本（${read.reason}）`, uri);
    else result = unreadable('it cannot be read', '无法读取', uri);
    this.disk.set(abs, { size: stat.size, mtimeMs: stat.mtimeMs, result });
    // Keep the side cache small: it only holds reports outside the index.
    if (this.disk.size > 256) this.disk.delete(this.disk.keys().next().value!);
    return result;
  }
}

/**
 * The language server's side of the certification cycle (analysis/cycle.ts): the report a
 * `previous:` names, from the workspace index when it is indexed or open, else read from disk
 * through the index's file access (workspaceFiles.ts) under the workspace's rules — a regular
 * file inside the workspace folder (no symlink leading out), within the file-size limit, and at
 * most READ_BUDGET_BYTES of such reads per chain walk (a chain of many large files stops with a
 * clear message instead of reading without end). Files read this way are kept by path, size and
 * mtime so a walk does not parse them again.
 *
 * Where the file access cannot read synchronously (the client's `vscode.workspace.fs`: VS Code
 * for the Web), a report not in the index is read ahead: the walk stops there for now ('pending',
 * no problem shown), the file is read through the client, which refuses what is outside the
 * workspace folders or a symbolic link, and the reports that asked are analysed again.
 */
import * as path from 'node:path';
import type { CycleSource, PreviousLookup, ReportRef } from '../analysis/cycle';
import type { DocumentModel } from '../model/types';
import type { Scheme } from '../scheme/types';
import type { FolderState } from './folder';
import type { FileRead } from './fileRead';
import { isInside, pathToUri, uriToPath } from './uri';
import type { WorkspaceFileAccess } from './workspaceFiles';

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
  /** A file the access cannot read synchronously was asked for: read it, keep it in `disk`, analyse `uri`'s dependents again. */
  readLater(abs: string, uri: string, folder: FolderState, maxBytes: number): void;
}

/** A previous report read outside the index; size and mtime undefined when read through the client (kept until a file event). */
export interface DiskEntry {
  size?: number;
  mtimeMs?: number;
  /** Characters read through the client (counted against a walk's read budget each time it is used). */
  chars?: number;
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
    private readonly files: WorkspaceFileAccess,
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
    const files = this.files;
    if (!files.readsSync(abs)) {
      // The same budget per walk as on the disk: a chain of large reports stops with a clear message.
      const kept = this.disk.get(abs);
      const cost = kept?.chars ?? 0;
      if (this.budget <= 0 || cost > this.budget) return unreadable('the read budget for previous reports is used up', '读取上次审核报告的额度已用完', uri);
      this.budget -= cost;
      if (kept) return kept.result;
      this.host.readLater(abs, uri, this.folder, this.maxBytes);
      return { kind: 'pending', uri };
    }
    const stat = files.statInsideSync(root, abs);
    if (!stat || stat.kind === 'missing') return unreadable('no such file', '文件不存在', uri);
    if (stat.kind === 'outside') return unreadable('it leads outside the workspace, and is not read', '指向工作区之外，未读取', uri);
    if (stat.kind === 'not-file') return unreadable('not a file', '不是文件', uri);
    const hit = this.disk.get(abs);
    if (hit && hit.size === stat.size && hit.mtimeMs === stat.mtimeMs) return hit.result;
    if (stat.size > this.maxBytes) return unreadable(`it is larger than ${Math.round(this.maxBytes / 1024 / 1024)} MB`, `超过 ${Math.round(this.maxBytes / 1024 / 1024)} MB`, uri);
    if (stat.size > this.budget) return unreadable('the read budget for previous reports is used up', '读取上次审核报告的额度已用完', uri);
    this.budget -= stat.size;
    const read = files.readFileSync({ path: abs, maxBytes: this.maxBytes }) ?? { kind: 'unreadable' };
    const result = lookupOf(read, abs, uri, this.folder, this.host, this.maxBytes);
    keep(this.disk, abs, { size: stat.size, mtimeMs: stat.mtimeMs, result });
    return result;
  }
}

/** What a read of a previous report gives: the report, another kind of document, or why it cannot be had. */
export function lookupOf(read: FileRead, abs: string, uri: string, folder: FolderState, host: CycleHost, maxBytes: number): PreviousLookup {
  const mb = Math.round(maxBytes / 1024 / 1024);
  if (read.kind === 'text') {
    const { model, scheme } = host.parse(read.text, abs, folder);
    return model.kind === 'audit' ? { kind: 'report', report: { uri, model, scheme } } : { kind: 'not-audit', uri };
  }
  if (read.kind === 'too-large') return unreadable(`it is larger than ${mb} MB`, `超过 ${mb} MB`, uri);
  if (read.kind === 'not-text') return unreadable(`it is not readable text (${read.reason})`, `不是可读文本（${read.reason}）`, uri);
  return unreadable('it cannot be read', '无法读取', uri);
}

/** Keep a report read outside the index; the side cache stays small (it only holds reports outside the index). */
export function keep(disk: Map<string, DiskEntry>, abs: string, entry: DiskEntry): void {
  disk.delete(abs);
  disk.set(abs, entry);
  if (disk.size > 256) disk.delete(disk.keys().next().value!);
}

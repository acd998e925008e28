/**
 * The command line's side of the certification cycle (analysis/cycle.ts): a report's
 * `previous:` is looked up among the files being checked, else read from the same side (working
 * tree or the `--base` revision) — a regular file inside the workspace, within the size limit,
 * and at most READ_BUDGET_BYTES of such reads in all. URIs are workspace-relative paths.
 */
import * as path from 'node:path';
import type { CycleSource, PreviousLookup, ReportRef } from '../analysis/cycle';
import { decodeBytes } from '../io/decode';
import type { DocumentModel } from '../model/types';
import type { Scheme } from '../scheme/types';
import type { SourceTree } from './sources';

export const READ_BUDGET_BYTES = 32 * 1024 * 1024;

const unreadable = (detail: string, detailZh: string, uri?: string): PreviousLookup => ({ kind: 'unreadable', detail, detailZh, ...(uri ? { uri } : {}) });

/** `previous:` of the report at workspace-relative `fromRel` → a workspace-relative path, or why not. */
export function previousRel(fromRel: string, target: string): { rel?: string; error?: [string, string] } {
  const t = target.trim().replace(/\\/g, '/');
  if (!t || /^[a-z][a-z0-9+.-]*:/i.test(t) || t.startsWith('/')) return { error: ['not a relative path', '不是相对路径'] };
  const rel = path.posix.normalize(path.posix.join(path.posix.dirname(fromRel), t));
  if (rel === '..' || rel.startsWith('../')) return { error: ['it is outside the workspace, and is not read', '位于工作区之外，未读取'] };
  return { rel };
}

export interface CliCycleFiles {
  tree: SourceTree;
  maxBytes: number;
  /** Files analysed on this side, by workspace-relative path. */
  analysed: Map<string, { model: DocumentModel; scheme: Scheme }>;
  /** Parse a text read from the side as the report at `rel`. */
  parse(text: string, rel: string): { model: DocumentModel; scheme: Scheme };
  /** How a file is shown (relative to the current directory). */
  display(rel: string): string;
}

export class CliCycleSource implements CycleSource {
  private budget = READ_BUDGET_BYTES;
  private readonly read = new Map<string, PreviousLookup>();
  private successorMap?: Map<string, string[]>;

  constructor(private readonly files: CliCycleFiles) {}

  name(uri: string): string {
    return this.files.display(uri);
  }

  previous(fromUri: string, target: string): PreviousLookup {
    const r = previousRel(fromUri, target);
    if (!r.rel) return unreadable(r.error![0], r.error![1]);
    const rel = r.rel;
    const hit = this.files.analysed.get(rel);
    if (hit) return hit.model.kind === 'audit' ? { kind: 'report', report: { uri: rel, ...hit } } : { kind: 'not-audit', uri: rel };
    const cached = this.read.get(rel);
    if (cached) return cached;
    const result = this.fromTree(rel);
    this.read.set(rel, result);
    return result;
  }

  private fromTree(rel: string): PreviousLookup {
    const got = this.files.tree.readRel(rel, Math.min(this.files.maxBytes, Math.max(0, this.budget)));
    if ('error' in got) return unreadable(got.error, got.error === 'no such file' ? '文件不存在' : got.error, rel);
    if ('tooLarge' in got) {
      if (got.tooLarge <= this.files.maxBytes) return unreadable('the read budget for previous reports is used up', '读取上次审核报告的额度已用完', rel);
      const mb = Math.round(this.files.maxBytes / 1024 / 1024);
      return unreadable(`it is larger than ${mb} MB`, `超过 ${mb} MB`, rel);
    }
    this.budget -= got.bytes.length;
    const decoded = decodeBytes(got.bytes);
    if (!decoded.ok) return unreadable(`it is not readable text (${decoded.reason})`, `不是可读文本（${decoded.reason}）`, rel);
    const { model, scheme } = this.files.parse(decoded.text, rel);
    return model.kind === 'audit' ? { kind: 'report', report: { uri: rel, model, scheme } } : { kind: 'not-audit', uri: rel };
  }

  successors(uri: string): ReportRef[] {
    if (!this.successorMap) {
      this.successorMap = new Map();
      for (const [rel, f] of this.files.analysed) {
        const target = f.model.kind === 'audit' ? f.model.frontMatter.cycle.previous : undefined;
        const to = target ? previousRel(rel, target).rel : undefined;
        if (!to || to === rel) continue;
        this.successorMap.set(to, [...(this.successorMap.get(to) ?? []), rel]);
      }
    }
    return (this.successorMap.get(uri) ?? []).map((rel) => ({ uri: rel, ...this.files.analysed.get(rel)! }));
  }
}

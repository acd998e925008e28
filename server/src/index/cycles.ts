/**
 * The certification cycle in the index (analysis/cycle.ts walks it): which reports an audit
 * report's chain of `previous:` reports read, so a change to any of them analyses it again; the
 * reports read from outside the index (cycleSource.ts), by the file access synchronously on a
 * disk, read ahead through the client where it cannot be; each folder's successors (the reports
 * whose `previous:` names a report); and the as-of date NC statuses are computed against.
 */
import type { ReportRef } from '../analysis/cycle';
import { problemMessage } from '../model/problems';
import type { DocumentModel } from '../model/types';
import { todayIso } from '../model/dates';
import { analyzeText } from './analyzer';
import { describeError, MB, type IndexCore } from './core';
import type { DocState } from './documents';
import type { FolderState } from './folder';
import { IndexCycleSource, keep, lookupOf, resolvePreviousPath, type CycleHost, type DiskEntry } from './cycleSource';
import { pathToUri, uriToPath } from './uri';

export class CertificationCycles {
  /** A fixed as-of date for NC statuses (setting `gbt27922.asOfDate`); undefined: today. */
  asOfDate?: string;
  /** Reports whose audit analysis read a document (chain of previous reports), by that document's URI. */
  private readonly dependents = new Map<string, Set<string>>();
  /** Previous reports read from the file access because the index does not hold them (see cycleSource.ts). */
  private readonly disk = new Map<string, DiskEntry>();
  /** Reads through the client under way, by path. */
  private readonly reading = new Set<string>();
  /** Weakly keyed like the documents' files memo: a closed loose document's folder (and what it held) must be collectable. */
  private successorsMemo = new WeakMap<FolderState, { gen: number; map: Map<string, string[]> }>();

  constructor(
    private readonly core: IndexCore,
    asOf: string | undefined,
  ) {
    this.asOfDate = asOf;
  }

  /** The date NC statuses are computed against: the setting, else today. */
  asOf(): string {
    return this.asOfDate ?? todayIso();
  }

  /** The cycle source for one analysis of a report of `folder` (its read budget is per walk). */
  source(folder: FolderState): IndexCycleSource {
    return new IndexCycleSource(this.host, folder, this.disk, folder.config.maxFileSizeMB * MB, this.core.files);
  }

  /** A report's analysis read these documents: a change to one of them analyses it again. */
  recordDeps(uri: string, deps: readonly string[]): void {
    for (const dep of deps) {
      let set = this.dependents.get(dep);
      if (!set) this.dependents.set(dep, (set = new Set()));
      set.add(uri);
    }
  }

  /**
   * The as-of date may have moved (a new day, or the setting changed): re-analyse the reports
   * with NCs whose statuses were computed for another date. Returns whether any was.
   */
  refreshAsOf(): boolean {
    const asOf = this.asOf();
    let any = false;
    for (const d of this.core.documents.docs.values()) {
      if (d.audit && d.audit.asOf !== asOf && (d.audit.ncs.length > 0 || d.audit.cycle?.chain.some((e) => e.ncs.length > 0))) {
        d.audit = undefined;
        this.core.changes.add(d.uri);
        any = true;
      }
    }
    if (any) this.core.changes.schedule();
    return any;
  }

  /** A file changed outside the editor: a previous report read outside the index is read again when next asked for. */
  fileChanged(filePath: string): void {
    if (this.disk.delete(filePath)) this.touchDependents(pathToUri(filePath));
  }

  private readonly host: CycleHost = {
    indexed: (uri: string) => {
      const d = this.core.documents.docs.get(uri);
      if (!d) return undefined;
      if (d.readProblem) return { scheme: d.scheme, readProblem: problemMessage(d.readProblem.code, d.readProblem.args, 'en') };
      if (d.open) this.core.scheduler.ensureFresh(uri);
      return d.model ? { model: d.model, scheme: d.scheme } : undefined;
    },
    parse: (text: string, filePath: string, folder: FolderState) => {
      const probe: DocState = { uri: pathToUri(filePath), path: filePath, folder, open: false, scheme: folder.scheme, readGen: 0 };
      const a = analyzeText(text, folder.scheme, this.core.cache, (m) => this.core.scheduler.chooseScheme(probe, m));
      return { model: a.model, scheme: a.scheme };
    },
    successors: (folder: FolderState, uri: string): ReportRef[] => {
      const documents = this.core.documents;
      let memo = this.successorsMemo.get(folder);
      if (!memo || memo.gen !== documents.generation) {
        const map = new Map<string, string[]>();
        for (const f of documents.folderFiles(folder)) {
          const target = this.previousUri(f.uri, f.model);
          if (!target) continue;
          const list = map.get(target) ?? [];
          list.push(f.uri);
          map.set(target, list);
        }
        memo = { gen: documents.generation, map };
        this.successorsMemo.set(folder, memo);
      }
      const out: ReportRef[] = [];
      for (const u of memo.map.get(uri) ?? []) {
        const d = documents.docs.get(u);
        if (d?.model?.kind === 'audit' && u !== uri) out.push({ uri: u, model: d.model, scheme: d.scheme });
      }
      return out;
    },
    readLater: (abs: string, uri: string, folder: FolderState, maxBytes: number) => {
      if (this.reading.has(abs)) return;
      this.reading.add(abs);
      this.core.files
        .readFiles([{ path: abs, maxBytes }])
        .then(([read]) => {
          const result = read.kind === 'unreadable' ? { kind: 'unreadable' as const, uri, detail: 'no such file, or it is outside the workspace or a symbolic link', detailZh: '文件不存在，或位于工作区之外，或是符号链接' } : lookupOf(read, abs, uri, folder, this.host, maxBytes);
          keep(this.disk, abs, { result, chars: read.kind === 'text' ? read.text.length : 0 });
          this.touchDependents(uri);
          this.core.changes.schedule();
        })
        .catch((e) => this.core.options.log(`previous report ${abs}: ${describeError(e)}`))
        .finally(() => this.reading.delete(abs));
    },
  };

  /** The URI the `previous:` of an audit model names (inside its folder), if any. */
  private previousUri(uri: string, model: DocumentModel | undefined): string | undefined {
    const target = model?.kind === 'audit' ? model.frontMatter.cycle.previous : undefined;
    const from = uriToPath(uri);
    const folder = this.core.documents.docs.get(uri)?.folder;
    if (!target || !from || !folder?.root) return undefined;
    const r = resolvePreviousPath(from, target, folder.root);
    return r.abs && r.inside ? pathToUri(r.abs) : undefined;
  }

  /** Reports whose chain read `uri` are analysed again. */
  private touchDependents(uri: string, except?: string): void {
    const dependents = this.dependents.get(uri);
    if (!dependents) return;
    this.dependents.delete(uri);
    for (const u of dependents) this.touch(u, except);
  }

  private touch(uri: string, except?: string): void {
    const d = this.core.documents.docs.get(uri);
    if (!d || uri === except) return;
    d.audit = undefined;
    this.core.changes.add(uri);
  }

  /**
   * A document's model changed (or it went away): reports whose chain read it are analysed again,
   * and so is the report it names as previous when what it says about that report changed (the
   * target or its follow-ups): that report shows which of its NCs are followed up.
   */
  changed(doc: DocState, before: DocumentModel | undefined, after: DocumentModel | undefined): void {
    this.touchDependents(doc.uri, doc.uri);
    const said = (m: DocumentModel | undefined) => (m?.kind === 'audit' ? `${m.frontMatter.cycle.previous ?? ''}|${m.followUps.map((f) => `${f.id}:${f.status ?? ''}`).join(',')}` : '');
    if (said(before) === said(after)) return;
    for (const m of [before, after]) {
      const t = this.previousUri(doc.uri, m);
      if (t) this.touch(t, doc.uri);
    }
  }
}

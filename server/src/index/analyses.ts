/**
 * What the index computes from the models, on demand and cached until a model it depends on
 * changes: each folder's manual coverage (the union over its manual files), each audit report's
 * score (with its evidence links checked), and every problem a file shows, after its
 * suppression comments.
 */
import * as path from 'node:path';
import { applySuppressions, type SuppressedProblem, type SuppressionResult } from '../analysis/suppressions';
import { analyzeAudit, analyzeManuals, compareProblems, linkProblems, type AuditAnalysis, type ManualAnalysis } from '../analysis/workspace';
import { effectiveSeverity, type ProjectConfig } from '../config/config';
import { NOT_ANALYSED_CODES } from '../model/problems';
import type { Problem } from '../model/types';
import type { IndexCore } from './core';
import { isOurs } from './documents';
import type { FolderState } from './folder';
import { canonicalUri, pathToUri } from './uri';

/** Problems of an audit report that a later report of its folder can clear (markFollowedUp). */
const SUCCESSOR_DEPENDENT: ReadonlySet<string> = new Set(['nc-overdue']);

export class WorkspaceAnalyses {
  constructor(
    private readonly core: IndexCore,
    /** The project config as features see it (the editor's severity overrides on top). */
    private readonly effectiveConfig: (folder: FolderState) => ProjectConfig,
  ) {}

  /** Manual coverage of a folder (undefined when it has no manual file). */
  manualOf(folder: FolderState): ManualAnalysis | undefined {
    if (!folder.manualCache) {
      const files = this.core.documents.folderFiles(folder).filter((f) => f.model.kind === 'manual');
      let manualRoot: string | undefined;
      if (folder.config.manualRoot && folder.root) manualRoot = pathToUri(path.resolve(folder.root, folder.config.manualRoot));
      folder.manualCache = { analysis: files.length ? analyzeManuals(files, folder.scheme, { manualRoot }) : undefined };
    }
    return folder.manualCache.analysis;
  }

  /** Score of an audit report (cached until its model, a linked file, a report of its cycle or the as-of date changes). */
  auditOf(uri: string): AuditAnalysis | undefined {
    const doc = this.core.documents.get(uri);
    if (!doc?.model || doc.model.kind !== 'audit') return undefined;
    const cycles = this.core.cycles;
    const asOf = cycles.asOf();
    if (!doc.audit || doc.audit.asOf !== asOf) {
      const checkLink = doc.folder.config.checkEvidenceLinks ? this.core.links.checker(doc.folder) : undefined;
      doc.audit = analyzeAudit({ uri: doc.uri, model: doc.model }, doc.scheme, { checkLink, asOf, cycle: cycles.source(doc.folder) });
      cycles.recordDeps(doc.uri, doc.audit.cycle?.deps ?? []);
    }
    return doc.audit;
  }

  /**
   * Every problem of a file shown to the user (model, workspace-level, links, reading), in
   * document order, after its suppression comments (analysis/suppressions.ts).
   */
  problemsOf(uri: string): Problem[] {
    return this.fileProblems(uri).problems;
  }

  /** The problems of a file its suppression comments hide (for the panel's count). */
  suppressedOf(uri: string): SuppressedProblem[] {
    return this.fileProblems(uri).suppressed;
  }

  private fileProblems(uri: string): SuppressionResult {
    const key = canonicalUri(uri);
    const json: Problem[] = [];
    for (const f of this.core.folderRegistry.folders.values()) json.push(...(f.jsonProblems.get(key) ?? []));
    const doc = this.core.documents.docs.get(key);
    if (!doc) return { problems: json, suppressed: [] };
    if (doc.readProblem) return { problems: [doc.readProblem], suppressed: [] };
    const model = doc.model;
    if (!isOurs(model)) return { problems: [...json, ...(doc.model?.problems.filter((p) => NOT_ANALYSED_CODES.has(p.code)) ?? [])], suppressed: [] };
    const out = [...model.problems];
    if (doc.schemeProblem) out.push(doc.schemeProblem);
    if (model.kind === 'manual') {
      if (doc.folder.ready) out.push(...(this.manualOf(doc.folder)?.problems.get(key) ?? []));
      if (doc.folder.config.checkEvidenceLinks) out.push(...linkProblems({ uri: key, model }, this.core.links.checker(doc.folder)));
      // Clause-tag suggestion hints (the server's), before suppressions so a comment can hide one.
      if (this.core.options.extraProblems) out.push(...this.core.options.extraProblems(key, doc.open));
    } else if (model.kind === 'audit') {
      // An NC is overdue here only if no later report of the folder follows it up: until the
      // folder is indexed its later reports are not all known, and a false "overdue" would show
      // and then vanish. It waits for the folder, like the manual's coverage above.
      const ready = doc.folder.ready;
      out.push(...(this.auditOf(key)?.problems ?? []).filter((p) => ready || !SUCCESSOR_DEPENDENT.has(p.code)));
    }
    const config = this.effectiveConfig(doc.folder);
    return applySuppressions(model, out.sort(compareProblems), (p) => effectiveSeverity(p.code, config) !== 'off');
  }
}

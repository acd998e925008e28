/**
 * An in-memory workspace for feature tests: Markdown texts by path → a FeatureContext built the
 * way the server builds one (parseDocument per file, manual coverage over all manual files, each
 * audit scored on its own), plus helpers to apply an edit and re-analyse, and the diagnostics a
 * user would see. No file system, no LSP connection.
 */
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { Diagnostic, Position, TextEdit, WorkspaceEdit } from 'vscode-languageserver';
import { parseDocument } from '../../../server/src/model';
import type { DocumentModel, Problem } from '../../../server/src/model/types';
import type { Locale } from '../../../server/src/model/problems';
import type { Scheme } from '../../../server/src/scheme/types';
import { defaultScheme } from '../../../server/src/scheme/loader';
import { DEFAULT_CONFIG, effectiveSeverity, type ProjectConfig } from '../../../server/src/config/config';
import { analyzeAudit, analyzeManuals, compareProblems, type AuditAnalysis, type FileModel, type ManualAnalysis } from '../../../server/src/analysis/workspace';
import { applySuppressions, type SuppressedProblem, type SuppressionResult } from '../../../server/src/analysis/suppressions';
import type { FeatureContext } from '../../../server/src/features/context';
import type { CycleSource, PreviousLookup } from '../../../server/src/analysis/cycle';
import { toDiagnostics } from '../../../server/src/features/diagnostics';

export const ROOT = 'file:///ws/';

/** Models by scheme and text: the tests build many workspaces from the same few texts. */
const modelCache = new Map<string, DocumentModel>();
function parseCached(text: string, scheme: Scheme): DocumentModel {
  const key = `${scheme.id}\u0000${scheme.origin}\u0000${text}`;
  let m = modelCache.get(key);
  if (!m) {
    m = parseDocument(text, scheme);
    modelCache.set(key, m);
  }
  return m;
}

export function uriOf(path: string): string {
  return ROOT + path.split('/').map(encodeURIComponent).join('/');
}

export interface MemoryOptions {
  locale?: Locale;
  scheme?: Scheme;
  /** Path of the manual root (config `manualRoot`). */
  manualRoot?: string;
  /** Extra scheme per document path. */
  schemes?: Record<string, Scheme>;
  /** The date NC statuses are computed against (default: a fixed 2027-06-30, so tests do not age). */
  asOf?: string;
  /** Problem levels, as the config's `rules`/`severity` give them. */
  severity?: ProjectConfig['severity'];
}

export class MemoryWorkspace implements FeatureContext {
  readonly locale: Locale;
  readonly config: ProjectConfig;
  readonly scheme: Scheme;
  private texts = new Map<string, string>();
  private models = new Map<string, DocumentModel>();
  private manualAnalysis?: ManualAnalysis;
  private audits = new Map<string, AuditAnalysis>();

  constructor(
    files: Record<string, string>,
    private readonly options: MemoryOptions = {},
  ) {
    this.locale = options.locale ?? 'zh';
    this.config = { ...DEFAULT_CONFIG, severity: { ...(options.severity ?? {}) } };
    this.scheme = options.scheme ?? defaultScheme();
    for (const [path, text] of Object.entries(files)) this.texts.set(uriOf(path), text);
    this.analyse();
  }

  /** A copy in another UI locale (same texts). */
  withLocale(locale: Locale): MemoryWorkspace {
    const files: Record<string, string> = {};
    for (const [uri, text] of this.texts) files[decodeURIComponent(uri.slice(ROOT.length))] = text;
    return new MemoryWorkspace(files, { ...this.options, locale });
  }

  private analyse(): void {
    this.models.clear();
    this.audits.clear();
    for (const [uri, text] of this.texts) this.models.set(uri, parseCached(text, this.schemeFor(uri)));
    const files = this.files();
    this.manualAnalysis = files.some((f) => f.model.kind === 'manual')
      ? analyzeManuals(files, this.scheme, { manualRoot: this.options.manualRoot ? uriOf(this.options.manualRoot) : undefined })
      : undefined;
    const cycle = this.cycleSource();
    for (const f of files) if (f.model.kind === 'audit') this.audits.set(f.uri, analyzeAudit(f, this.schemeFor(f.uri), { asOf: this.options.asOf ?? '2027-06-30', cycle }));
  }

  /** The previous: chain over the in-memory texts (as the index does over the workspace). */
  private cycleSource(): CycleSource {
    const resolve = (from: string, target: string): string | undefined => {
      try {
        const u = new URL(target.split('/').map(encodeURIComponent).join('/').replace(/%2E/gi, '.'), from).href;
        return u.startsWith(ROOT) ? u : undefined;
      } catch {
        return undefined;
      }
    };
    return {
      name: (uri) => decodeURIComponent(uri.slice(ROOT.length)),
      previous: (from, target): PreviousLookup => {
        const uri = resolve(from, target);
        if (!uri) return { kind: 'unreadable', detail: 'it is outside the workspace, and is not read', detailZh: '位于工作区之外，未读取' };
        const model = this.models.get(uri);
        if (!model) return { kind: 'unreadable', uri, detail: 'no such file', detailZh: '文件不存在' };
        return model.kind === 'audit' ? { kind: 'report', report: { uri, model, scheme: this.schemeFor(uri) } } : { kind: 'not-audit', uri };
      },
      successors: (uri) =>
        [...this.models]
          .filter(([u, m]) => u !== uri && m.kind === 'audit' && m.frontMatter.cycle.previous && resolve(u, m.frontMatter.cycle.previous) === uri)
          .map(([u, model]) => ({ uri: u, model, scheme: this.schemeFor(u) })),
    };
  }

  schemeFor(uri: string): Scheme {
    const path = decodeURIComponent(uri.slice(ROOT.length));
    return this.options.schemes?.[path] ?? this.scheme;
  }
  text(uri: string): string | undefined {
    return this.texts.get(uri);
  }
  model(uri: string): DocumentModel | undefined {
    return this.models.get(uri);
  }
  files(): FileModel[] {
    return [...this.models].map(([uri, model]) => ({ uri, model })).sort((a, b) => (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0));
  }
  manual(): ManualAnalysis | undefined {
    return this.manualAnalysis;
  }
  audit(uri: string): AuditAnalysis | undefined {
    return this.audits.get(uri);
  }
  resolveLink(fromUri: string, target: string): string | undefined {
    try {
      const u = new URL(target, fromUri).href.replace(/#.*$/, '');
      return this.texts.has(u) ? u : undefined;
    } catch {
      return undefined;
    }
  }

  // -------------------------------------------------------------------------------------------
  // Test helpers

  /** Every problem of a file as the server reports it (model + workspace-level, after its suppression comments). */
  problems(path: string): Problem[] {
    return this.withSuppressions(path).problems;
  }

  /** The problems of a file its suppression comments hide. */
  suppressed(path: string): SuppressedProblem[] {
    return this.withSuppressions(path).suppressed;
  }

  private withSuppressions(path: string): SuppressionResult {
    const uri = uriOf(path);
    const m = this.models.get(uri);
    if (!m || m.kind === 'none') return { problems: [], suppressed: [] };
    const all = [...m.problems, ...(this.manualAnalysis?.problems.get(uri) ?? []), ...(this.audits.get(uri)?.problems ?? [])].sort(compareProblems);
    return applySuppressions(m, all, (p) => effectiveSeverity(p.code, this.config) !== 'off');
  }

  diagnostics(path: string): Diagnostic[] {
    return toDiagnostics(this.problems(path), this.locale, this.config);
  }

  /** A problem's message as its diagnostic shows it. */
  diagnosticMessage(p: Problem): string {
    return toDiagnostics([p], this.locale, { severity: {} })[0]?.message ?? '';
  }

  /** Apply a workspace edit to the texts and re-analyse everything. */
  apply(edit: WorkspaceEdit | undefined | null): void {
    if (!edit?.changes) throw new Error('no edit');
    for (const [uri, edits] of Object.entries(edit.changes)) {
      const text = this.texts.get(uri);
      if (text === undefined) throw new Error(`edit of an unknown file ${uri}`);
      this.texts.set(uri, applyEdits(text, edits));
    }
    this.analyse();
  }

  textOf(path: string): string {
    return this.texts.get(uriOf(path)) ?? '';
  }
}

export function applyEdits(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create('x', 'markdown', 0, text), edits);
}

/** The position of the `n`-th (0-based) occurrence of `needle` in `text`, plus `offset` characters. */
export function positionOf(text: string, needle: string, offset = 0, n = 0): Position {
  let at = -1;
  for (let i = 0; i <= n; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) throw new Error(`"${needle}" not found (${i})`);
  }
  return TextDocument.create('x', 'markdown', 0, text).positionAt(at + offset);
}

/**
 * Diagnostics: every problem of a file (the model's own, workspace-level ones such as uncovered
 * or unscored items, deductions over the limit, bonus over the cap, broken evidence links, and
 * problems of config / scheme JSON files) rendered in the client's language with the severity
 * the user chose (project config `severity`, overridden by the editor setting
 * `gbt27922.severity`). `code` is the problem code, `source` is 'gbt27922', `data` carries what
 * code actions need. Publishing skips unchanged lists and never sends an old version's.
 */
import { DiagnosticSeverity, type Connection, type Diagnostic } from 'vscode-languageserver';
import type { Problem } from '../model/types';
import type { Locale, Severity } from '../model/problems';
import type { ProjectConfig } from '../config/config';
import { renderProblem } from '../analysis/workspace';

export const DIAGNOSTIC_SOURCE = 'gbt27922';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** Problems → LSP diagnostics (problems turned 'off' are dropped). */
export function toDiagnostics(problems: readonly Problem[], locale: Locale, config?: Pick<ProjectConfig, 'severity'>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const p of problems) {
    const r = renderProblem(p, locale, config);
    if (!r) continue;
    const d: Diagnostic = { range: r.range, severity: SEVERITY[r.severity], code: r.code, source: DIAGNOSTIC_SOURCE, message: r.message };
    if (r.data !== undefined) d.data = r.data;
    out.push(d);
  }
  return out;
}

/** Counts for the panel. */
export function countDiagnostics(diagnostics: readonly Diagnostic[]): { errors: number; warnings: number } {
  let errors = 0;
  let warnings = 0;
  for (const d of diagnostics) {
    if (d.severity === DiagnosticSeverity.Error) errors++;
    else if (d.severity === DiagnosticSeverity.Warning) warnings++;
  }
  return { errors, warnings };
}

export interface DiagnosticsSource {
  /** Problems of a file (canonical URI). */
  problems(uri: string): Problem[];
  /** Severity settings for the file. */
  config(uri: string): Pick<ProjectConfig, 'severity'> | undefined;
  /** Editor version the problems are for; undefined for files not open. */
  version(uri: string): number | undefined;
  /** False while an open document has edits not analysed yet (publishing then would be stale). */
  isCurrent(uri: string): boolean;
  /** The URI as the client spells it. */
  clientUri(uri: string): string;
  locale(): Locale;
}

/** Publishes diagnostics of changed files, skipping lists that did not change. */
export class DiagnosticsPublisher {
  private readonly last = new Map<string, { key: string; version?: number }>();
  /** Called after each publish (for the panel: counts of the published list). */
  onPublished?: (uri: string, diagnostics: Diagnostic[], version: number | undefined) => void;

  constructor(
    private readonly connection: Pick<Connection, 'sendDiagnostics'>,
    private readonly source: DiagnosticsSource,
  ) {}

  /** Current diagnostics of a file (computed, not necessarily published yet). */
  compute(uri: string): Diagnostic[] {
    return toDiagnostics(this.source.problems(uri), this.source.locale(), this.source.config(uri));
  }

  publish(uris: Iterable<string>): void {
    for (const uri of uris) {
      if (!this.source.isCurrent(uri)) continue;
      const diagnostics = this.compute(uri);
      const version = this.source.version(uri);
      const key = JSON.stringify(diagnostics);
      const prev = this.last.get(uri);
      if (prev && prev.key === key && prev.version === version) continue;
      if (!prev && diagnostics.length === 0 && version === undefined) continue;
      if (diagnostics.length === 0 && version === undefined) this.last.delete(uri);
      else this.last.set(uri, { key, version });
      void this.connection.sendDiagnostics({ uri: this.source.clientUri(uri), version, diagnostics });
      this.onPublished?.(uri, diagnostics, version);
    }
  }

  /** Force the next publish of every file published so far (after a locale or severity change). */
  invalidate(): void {
    for (const v of this.last.values()) v.key = '';
  }

  /** Whether diagnostics are published for `uri` now. */
  has(uri: string): boolean {
    return this.last.has(uri);
  }

  /** URIs that currently have diagnostics published. */
  published(): string[] {
    return [...this.last.keys()];
  }
}

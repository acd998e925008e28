/**
 * GitLab Code Quality: the subset of the Code Climate issue format GitLab reads
 * (`artifacts:reports:codequality`), shown in the merge request's widget and on its diff.
 * Per problem: `description`, `check_name` (the problem code), `fingerprint` (stable when
 * unrelated lines move: cli/fingerprint.ts), `severity` (info, minor, major, critical, blocker)
 * and `location.path` (relative to the current folder: run the check from the repository root)
 * with `location.lines.begin`. A failed gate of a file (a report below `--min-star`, the manual
 * below `--min-coverage`) is an issue too, on that file's first line, so the widget says why
 * the job failed. Suppressed problems are not issues.
 */
import { createHash } from 'node:crypto';
import type { Severity } from '../../model/problems';
import type { CheckReport, OutGateCheck } from '../report';
import { safeJson } from './encode';

export type CodeQualitySeverity = 'info' | 'minor' | 'major' | 'critical' | 'blocker';

export interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  categories: string[];
  severity: CodeQualitySeverity;
  fingerprint: string;
  location: { path: string; lines: { begin: number; end?: number } };
}

const SEVERITY: Record<Severity, CodeQualitySeverity> = { error: 'major', warning: 'minor', information: 'info', hint: 'info' };

export function toCodeQuality(r: CheckReport): CodeQualityIssue[] {
  const issues: CodeQualityIssue[] = r.problems
    .filter((p) => !p.file.startsWith('builtin:'))
    .map((p) => ({
      type: 'issue',
      check_name: p.code,
      description: p.message,
      categories: ['Style'],
      severity: SEVERITY[p.severity],
      fingerprint: p.fingerprint,
      location: { path: p.file, lines: { begin: p.line, end: Math.max(p.line, p.endLine) } },
    }));
  for (const g of r.gates) {
    const file = g.file ?? (g.gate === 'min-coverage' ? r.coverage?.root : undefined);
    if (g.passed || !file) continue;
    issues.push({
      type: 'issue',
      check_name: `gate/${g.gate}`,
      description: g.message,
      categories: ['Compatibility'],
      severity: 'critical',
      fingerprint: gateFingerprint(g, file),
      location: { path: file, lines: { begin: 1 } },
    });
  }
  return issues;
}

function gateFingerprint(g: OutGateCheck, file: string): string {
  return createHash('sha256').update(`gbt27922/v1\u0000gate\u0000${g.gate}\u0000${g.required}\u0000${file}`).digest('hex');
}

export function formatGitlab(r: CheckReport): string {
  return safeJson(toCodeQuality(r)) + '\n';
}

/** Payloads as the server sends them, some with hostile document text. */
import type { DocumentScorePayload } from '../../../server/src/protocol';

export const HOSTILE = [
  '<img src=x onerror=alert(1)>',
  '</script><script>alert(2)</script>',
  '"><svg onload=alert(3)>',
  "' onmouseover='alert(4)",
  '<style>body{display:none}</style>',
  '<a href="https://evil.example/x">x</a>',
  '&lt;already-escaped&gt;',
];

const loc = (uri: string, line: number) => ({ uri, range: { start: { line, character: 0 }, end: { line, character: 12 } } });

export const REPORT_URI = 'file:///ws/samples/audit/%E5%AE%A1%E6%A0%B8%E6%8A%A5%E5%91%8A.md';
export const MANUAL_URI = 'file:///ws/samples/manual/index.md';

export function auditPayload(overrides: Partial<DocumentScorePayload> = {}): DocumentScorePayload {
  return {
    uri: REPORT_URI,
    version: 7,
    kind: 'audit',
    scheme: { id: 'gbt27922-2011', name: 'GB/T 27922-2011 商品售后服务评价体系' },
    organisation: '某某电器有限公司',
    problems: { errors: 1, warnings: 2 },
    locale: 'zh',
    audit: {
      total: '86.25',
      exactTotal: '86.25',
      rounding: { decimals: 2, mode: 'half-up' },
      baseScore: '86.25',
      verdict: 'tier',
      tier: { id: 'three-star', name: '三星级', stars: 3, minScore: 80 },
      verdictText: '三星级',
      deductions: { count: 0, points: '0', limit: 5, overLimit: false },
      bonus: { claimed: '0', applied: '0', cap: 1, capped: false },
      gates: [],
      failedGates: [],
      next: { tier: { id: 'four-star', name: '四星级', stars: 4, minScore: 90 }, pointsNeeded: '3.75', gatesNeeded: [] },
      groups: [
        { id: '5.1', title: '售后服务体系', level: 1, value: '34.5', max: '40', percent: '86.25' },
        { id: '5.1.1', title: '组织', level: 2, value: '6', max: '6', percent: '100' },
        { id: '5.2', title: '商品服务', level: 1, value: '30', max: '35', percent: '85.71' },
        { id: '5.3', title: '客户服务', level: 1, value: '21.75', max: '25', percent: '87' },
      ],
      scoredCount: 47,
      applicableCount: 48,
      notApplicableCount: 2,
      unscored: [{ id: '5.1.6.4', title: '服务评价', points: '1', requirement: '定期开展服务评价', location: loc(REPORT_URI, 40) }],
    },
    ...overrides,
  };
}

export function manualPayload(overrides: Partial<DocumentScorePayload> = {}): DocumentScorePayload {
  return {
    uri: MANUAL_URI,
    version: 3,
    kind: 'manual',
    scheme: { id: 'gbt27922-2011', name: 'GB/T 27922-2011' },
    problems: { errors: 0, warnings: 1 },
    locale: 'en',
    manual: {
      coveredPoints: '99',
      totalPoints: '100',
      percentByPoints: '99',
      coveredCount: 49,
      totalCount: 50,
      percentByCount: '98',
      groups: [{ id: '5.1', title: 'Service system', level: 1, value: '39', max: '40', percent: '97.5' }],
      uncovered: [{ id: '5.1.6.4', title: 'Service evaluation', points: '1', requirement: 'Evaluate the service regularly', location: loc(MANUAL_URI, 120) }],
      emptySections: [],
      files: ['samples/manual/index.md', 'samples/manual/02-organisation.md'],
      basis: 'declared',
      notCounted: [],
      counted: true,
      root: 'samples/manual/index.md',
    },
    ...overrides,
  };
}

/** An audit payload whose every document-derived string is `s`. */
export function hostileAudit(s: string): DocumentScorePayload {
  const p = auditPayload({ organisation: s, scheme: { id: s, name: s, provenance: s } });
  const a = p.audit!;
  a.verdictText = s;
  a.tier = { id: s, name: s, stars: 3, minScore: 80 };
  a.next = { tier: { id: s, name: s, stars: 4, minScore: 90 }, pointsNeeded: s, gatesNeeded: [{ tier: s, id: s, description: s, metric: s, min: 1, actual: s, passed: false }] };
  a.groups = [{ id: s, title: s, level: 1, value: s, max: s, percent: s }];
  a.gates = [{ tier: s, id: s, description: s, metric: s, min: 1, actual: s, passed: false }];
  a.failedGates = a.gates;
  a.unscored = [{ id: s, title: s, points: s, requirement: s, location: { uri: s, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } } } }];
  p.uri = `file:///ws/${encodeURIComponent(s)}.md`;
  return p;
}

export function hostileManual(s: string): DocumentScorePayload {
  const p = manualPayload({ organisation: s });
  const m = p.manual!;
  m.uncovered = [{ id: s, title: s, points: s, requirement: s }];
  m.emptySections = [{ id: s, title: s, points: s, requirement: s, location: { uri: s, range: { start: { line: 2, character: 0 }, end: { line: 2, character: 0 } } } }];
  m.files = [s];
  m.root = s;
  m.groups = [{ id: s, title: s, level: 2, value: s, max: s, percent: s }];
  return p;
}

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
export const PREVIOUS_URI = 'file:///ws/samples/audit/2026.md';

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
      ncs: {
        asOf: '2027-06-30',
        bySeverity: { major: 1, minor: 1, observation: 0 },
        byStatus: { overdue: 1, open: 0, 'action-planned': 0, closed: 1 },
        open: 1,
        rows: [
          { id: 'NC-01', severity: 'minor', status: 'closed', clauses: ['5.2.3.2'], finding: '超时送货 6 单', due: '2027-04-30', location: loc(REPORT_URI, 60) },
          { id: 'NC-02', severity: 'major', status: 'overdue', clauses: ['5.1.2.2'], finding: '管理师不足', due: '2027-05-31', daysToDue: -30, location: loc(REPORT_URI, 61) },
        ],
        followUps: [{ id: 'NC-04', status: 'closed', known: true, location: loc(REPORT_URI, 70) }],
        notFollowedUp: [{ id: 'NC-05', severity: 'minor', location: loc(PREVIOUS_URI, 30) }],
      },
      cycle: {
        auditType: 'surveillance',
        auditTypeText: '监督审核',
        auditDate: '2027-03-20',
        previous: { file: 'samples/audit/2026.md', uri: PREVIOUS_URI, auditDate: '2026-03-18', auditTypeText: '初次认证', total: '84.00', verdictText: '三星级', stars: 3, openNcs: 1, current: false, change: '+2.25' },
        groupChanges: [{ id: '5.1', title: '售后服务体系', level: 1, before: '80.00', after: '86.25', change: '+6.25' }],
        trend: [
          { file: 'samples/audit/2026.md', uri: PREVIOUS_URI, auditDate: '2026-03-18', auditType: 'initial', auditTypeText: '初次认证', total: '84.00', verdictText: '三星级', stars: 3, openNcs: 1, current: false },
          { file: 'samples/audit/审核报告.md', uri: REPORT_URI, auditDate: '2027-03-20', auditType: 'surveillance', auditTypeText: '监督审核', total: '86.25', verdictText: '三星级', stars: 3, openNcs: 1, current: true },
        ],
      },
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
  const at = { uri: s, range: { start: { line: 3, character: 0 }, end: { line: 3, character: 1 } } };
  a.ncs = {
    asOf: s,
    bySeverity: { major: 1, minor: 0, observation: 0 },
    byStatus: { overdue: 1, open: 0, 'action-planned': 0, closed: 0 },
    open: 1,
    rows: [{ id: s, severity: s as 'major', status: s as 'open', clauses: [s], finding: s, due: s, daysToDue: -1, followedUp: { file: s, status: 'closed' }, location: at }],
    followUps: [{ id: s, status: s as 'open', known: false, location: at }],
    notFollowedUp: [{ id: s, severity: s as 'major', location: at }],
  };
  const entry = { file: s, uri: s, auditDate: s, auditTypeText: s, total: s, verdictText: s, stars: 2, openNcs: 1, current: false };
  a.cycle = { auditTypeText: s, auditDate: s, previous: { ...entry, change: s }, groupChanges: [{ id: s, title: s, level: 1, before: s, after: s, change: s }], trend: [entry, { ...entry, current: true }], broken: s };
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

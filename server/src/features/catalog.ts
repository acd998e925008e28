/**
 * The clause catalog for the client's tree view (CATALOG_REQUEST): sections → groups → items
 * with points, and per item the state in a report (scored with its score, unscored, not
 * applicable) or in the workspace manual (covered, uncovered, not applicable), with a location
 * to jump to; in a report, the non-conformities raised against each item or group hang under it
 * (with severity and status, jumping to the NC). A pure function of the scheme and the analyses.
 */
import type { Locale } from '../model/problems';
import type { ClauseGroup, ClauseItem, LocalizedText, Scheme } from '../scheme/types';
import type { AuditAnalysis, ManualAnalysis } from '../analysis/workspace';
import type { DocumentModel } from '../model/types';
import { Rational, sum } from '../analysis/rational';
import { itemPoints } from '../analysis/scoring';
import type { CatalogNode, Location } from '../protocol';
import type { NcState } from '../analysis/nonconformities';
import { severityLabel, statusLabel } from './ncText';

export interface CatalogInput {
  scheme: Scheme;
  locale: Locale;
  /** Scores of this report (else the manual's coverage, if any). */
  audit?: AuditAnalysis;
  auditModel?: DocumentModel;
  manual?: ManualAnalysis;
}

function loc(text: LocalizedText | undefined, locale: Locale): string {
  if (!text) return '';
  return (locale === 'zh' ? (text.zh ?? text.en) : (text.en ?? text.zh)) ?? '';
}

function points(items: ClauseItem[]): string {
  return sum(items.map(itemPoints)).toFixed(2);
}

export function buildCatalog(input: CatalogInput): CatalogNode[] {
  const { scheme, locale, audit, manual } = input;
  const results = audit ? new Map(audit.score.items.map((r) => [r.item.id, r])) : undefined;
  const entryOf = new Map<string, Location>();
  if (audit && input.auditModel) {
    for (const e of input.auditModel.entries) if (!entryOf.has(e.itemId)) entryOf.set(e.itemId, { uri: audit.uri, range: e.range });
  }
  const ncsOf = new Map<string, CatalogNode[]>();
  for (const s of audit?.ncs ?? []) {
    for (const id of new Set(s.nc.clauses.map((c) => c.id))) {
      const node: CatalogNode = { id: s.nc.id, key: `nc:${id}:${s.nc.id}:${s.nc.idRange.start.line}`, title: ncTitle(s, locale), kind: 'nc', ncStatus: s.status, location: { uri: audit!.uri, range: s.nc.range } };
      if (s.nc.severity) node.ncSeverity = s.nc.severity;
      ncsOf.set(id, [...(ncsOf.get(id) ?? []), node]);
    }
  }
  const withNcs = (node: CatalogNode): CatalogNode => {
    const ncs = ncsOf.get(node.id);
    if (ncs) {
      node.ncCount = ncs.length;
      node.children = [...(node.children ?? []), ...ncs];
    }
    return node;
  };
  const covered = manual ? new Set(manual.coverage.covered.map((i) => i.id)) : undefined;
  const excluded = manual ? new Set(manual.coverage.excluded.map((i) => i.id)) : undefined;

  const itemNode = (item: ClauseItem): CatalogNode => {
    const node: CatalogNode = { id: item.id, title: loc(item.title, locale) || item.requirement, points: item.points, kind: 'item' };
    if (results) {
      const r = results.get(item.id);
      if (r) {
        node.state = r.state;
        if (r.state === 'scored' && r.percent) node.score = `${r.percent.toFixed(2)}%`;
      }
      const at = entryOf.get(item.id);
      if (at) node.location = at;
    } else if (manual && covered && excluded) {
      node.state = excluded.has(item.id) ? 'not-applicable' : covered.has(item.id) ? 'covered' : 'uncovered';
      const claims = manual.claims.get(item.id) ?? [];
      const best = claims.find((c) => c.claim.addressed) ?? claims[0];
      if (best) node.location = { uri: best.uri, range: best.claim.target };
    }
    return withNcs(node);
  };

  const childGroups = (parent: string): ClauseGroup[] => scheme.groups.filter((g) => g.parent === parent);
  const groupNode = (g: ClauseGroup, kind: 'section' | 'group'): CatalogNode => {
    const direct = scheme.items.filter((it) => it.group === g.id);
    const members = scheme.items.filter((it) => it.group === g.id || it.section === g.id);
    const children: CatalogNode[] = [...childGroups(g.id).map((c) => groupNode(c, 'group')), ...direct.map(itemNode)];
    return withNcs({ id: g.id, title: loc(g.title, locale), points: points(members), kind, children });
  };
  return scheme.groups.filter((g) => !g.parent).map((g) => groupNode(g, 'section'));
}

/** "一般不符合 · 已逾期 — 西北地区上门时效…" (the finding shortened). */
function ncTitle(s: NcState, locale: Locale): string {
  const finding = s.nc.finding.length > 40 ? `${s.nc.finding.slice(0, 40)}…` : s.nc.finding;
  return `${severityLabel(s.nc.severity, locale)} · ${statusLabel(s.status, locale)}${finding ? ` — ${finding}` : ''}`;
}

/** Total points of the catalog (for a header). */
export function catalogPoints(scheme: Scheme): Rational {
  return sum(scheme.items.map(itemPoints));
}

/**
 * The clause catalog for the client's tree view (CATALOG_REQUEST): sections → groups → items
 * with points, and per item the state in a report (scored with its score, unscored, not
 * applicable) or in the workspace manual (covered, uncovered, not applicable), with a location
 * to jump to. A pure function of the scheme and the analyses.
 */
import type { Locale } from '../model/problems';
import type { ClauseGroup, ClauseItem, LocalizedText, Scheme } from '../scheme/types';
import type { AuditAnalysis, ManualAnalysis } from '../analysis/workspace';
import type { DocumentModel } from '../model/types';
import { Rational, sum } from '../analysis/rational';
import { itemPoints } from '../analysis/scoring';
import type { CatalogNode, Location } from '../protocol';

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
    return node;
  };

  const childGroups = (parent: string): ClauseGroup[] => scheme.groups.filter((g) => g.parent === parent);
  const groupNode = (g: ClauseGroup, kind: 'section' | 'group'): CatalogNode => {
    const direct = scheme.items.filter((it) => it.group === g.id);
    const members = scheme.items.filter((it) => it.group === g.id || it.section === g.id);
    const children: CatalogNode[] = [...childGroups(g.id).map((c) => groupNode(c, 'group')), ...direct.map(itemNode)];
    return { id: g.id, title: loc(g.title, locale), points: points(members), kind, children };
  };
  return scheme.groups.filter((g) => !g.parent).map((g) => groupNode(g, 'section'));
}

/** Total points of the catalog (for a header). */
export function catalogPoints(scheme: Scheme): Rational {
  return sum(scheme.items.map(itemPoints));
}

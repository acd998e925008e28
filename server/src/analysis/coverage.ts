/**
 * Coverage of a scheme's items by manual text: by points and by count, overall and per group.
 */
import type { ClauseItem, Scheme } from '../scheme/types';
import { Rational, sum } from './rational';
import { itemPoints } from './scoring';

export interface GroupCoverage {
  id: string;
  coveredPoints: Rational;
  totalPoints: Rational;
  coveredCount: number;
  totalCount: number;
}

export interface CoverageResult {
  scheme: Scheme;
  coveredPoints: Rational;
  totalPoints: Rational;
  coveredCount: number;
  totalCount: number;
  /** coveredPoints ÷ totalPoints × 100. */
  percentByPoints: Rational;
  /** coveredCount ÷ totalCount × 100. */
  percentByCount: Rational;
  covered: ClauseItem[];
  /** Items not covered, in clause order. */
  uncovered: ClauseItem[];
  /** Items left out of coverage as not applicable. */
  excluded: ClauseItem[];
  groups: Map<string, GroupCoverage>;
}

/**
 * @param covered item IDs the manual addresses (unknown IDs and group IDs are ignored)
 * @param excluded item IDs that do not apply to this enterprise (left out of both sides)
 */
export function computeCoverage(scheme: Scheme, covered: Iterable<string>, excluded: Iterable<string> = []): CoverageResult {
  const coveredSet = new Set(covered);
  const excludedSet = new Set(excluded);
  const inScope = scheme.items.filter((it) => !excludedSet.has(it.id));
  const coveredItems = inScope.filter((it) => coveredSet.has(it.id));
  const uncovered = inScope.filter((it) => !coveredSet.has(it.id));
  const coveredPoints = sum(coveredItems.map(itemPoints));
  const totalPoints = sum(inScope.map(itemPoints));
  const groups = new Map<string, GroupCoverage>();
  for (const g of scheme.groups) {
    const members = inScope.filter((it) => it.group === g.id || it.section === g.id);
    const c = members.filter((it) => coveredSet.has(it.id));
    groups.set(g.id, {
      id: g.id,
      coveredPoints: sum(c.map(itemPoints)),
      totalPoints: sum(members.map(itemPoints)),
      coveredCount: c.length,
      totalCount: members.length,
    });
  }
  return {
    scheme,
    coveredPoints,
    totalPoints,
    coveredCount: coveredItems.length,
    totalCount: inScope.length,
    percentByPoints: totalPoints.isZero() ? Rational.ZERO : coveredPoints.div(totalPoints).mul(Rational.HUNDRED),
    percentByCount: inScope.length === 0 ? Rational.ZERO : Rational.of(coveredItems.length * 100, inScope.length),
    covered: coveredItems,
    uncovered,
    excluded: scheme.items.filter((it) => excludedSet.has(it.id)),
    groups,
  };
}

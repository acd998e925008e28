/**
 * What an audit report's model says, as input to the scoring engine: its scores (a sampled score
 * as the percentage it comes to), special entries, metrics, items declared not applicable, and
 * the effects of the scheme's optional `ncRules` on it.
 */
import type { DocumentModel } from '../model/types';
import type { Scheme } from '../scheme/types';
import { ncRuleEffects } from './nonconformities';
import { Rational } from './rational';
import type { ItemScoreInput, ScoringInput } from './scoring';

/** What an audit model says, as scoring input (duplicates: the first entry counts). */
export function scoringInputFromModel(model: DocumentModel, scheme: Scheme): ScoringInput {
  const scores: ItemScoreInput[] = [];
  for (const e of model.entries) {
    const item = scheme.itemById.get(e.itemId);
    if (!item || !e.score) continue;
    const s = e.score;
    if (s.kind === 'not-applicable') {
      scores.push({ itemId: e.itemId, kind: 'not-applicable', reason: s.reason });
    } else if (s.kind === 'percent') {
      const p = Rational.parse(s.percent);
      if (p) scores.push({ itemId: e.itemId, kind: 'percent', percent: p });
    } else if (s.kind === 'points') {
      const p = Rational.parse(s.earned);
      if (p) scores.push({ itemId: e.itemId, kind: 'points', earned: p });
    } else if (s.kind === 'sample') {
      const size = Rational.parse(s.size);
      const conforming = Rational.parse(s.conforming);
      if (size && conforming && !size.isZero() && conforming.cmp(size) <= 0) {
        scores.push({ itemId: e.itemId, kind: 'percent', percent: conforming.div(size).mul(Rational.HUNDRED), sample: { size: Number(s.size), conforming: Number(s.conforming) } });
      }
    } else {
      const earned = Rational.parse(s.earned);
      const max = Rational.parse(s.max);
      if (earned && max && !max.isZero()) scores.push({ itemId: e.itemId, kind: 'percent', percent: earned.div(max).mul(Rational.HUNDRED) });
    }
  }
  const input: ScoringInput = {
    scores,
    deductions: model.specials.filter((s) => s.kind === 'deduction').length,
    bonuses: model.specials.filter((s) => s.kind === 'bonus').length,
    metrics: model.frontMatter.metrics,
    notApplicable: model.frontMatter.notApplicable.map((n) => ({ itemId: n.itemId, reason: n.reason })),
  };
  const { caps, blocking } = ncRuleEffects(model, scheme);
  if (caps.size > 0) input.caps = new Map([...caps].map(([id, c]) => [id, c.percent]));
  if (blocking) input.blocking = { count: blocking.ncs.length, limit: blocking.limit };
  return input;
}


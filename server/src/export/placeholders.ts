/**
 * Every placeholder a certification body's Word template may use (docs/export.md lists the same;
 * a test keeps the three in step: this catalogue, the report data, the docs). Plain fields are
 * `{name}`; lists are loops `{#name}…{/name}` whose fields are written inside the loop; a boolean
 * or a list also works as a condition (`{#passed}…{/passed}`, `{^nonconformities}无{/nonconformities}`).
 */

export interface PlaceholderGroup {
  /** Plain fields: name → what it holds. */
  fields: Record<string, string>;
  /** Lists: name → their fields (and their own lists). */
  loops: Record<string, PlaceholderGroup>;
}

const ITEM_FIELDS: Record<string, string> = {
  id: 'clause ID (5.1.2.2)',
  title: 'short title of the item',
  requirement: "the standard's requirement text",
  points: 'points of the item',
  score: 'the score as written in the report (80%, 4/5, 4分, 不适用); empty when unscored',
  percent: 'score as a percentage (80%), or 不适用 / 未评分',
  percentValue: 'the percentage as a number without the sign (80, 82.5); empty unless scored',
  earned: 'points earned (4.00); empty when not applicable',
  state: 'scored, not-applicable or unscored',
  evidence: "the auditor's evidence",
  notes: "the auditor's notes (the entry's text, or the notes column)",
  reason: 'why the item does not apply (empty otherwise)',
  group: 'second-level group (5.1.2)',
  groupTitle: 'title of the second-level group',
  section: 'first-level group (5.1)',
  sectionTitle: 'title of the first-level group',
};

const GROUP_FIELDS: Record<string, string> = {
  id: 'group ID (5.1 or 5.1.2)',
  title: 'group title',
  level: '1 for 5.1, 2 for 5.1.2',
  earned: 'points earned',
  applicable: 'points of the applicable items',
  max: 'points of all items',
  percent: 'earned ÷ applicable × 100 (91.00)',
};

const GATE_FIELDS: Record<string, string> = {
  tier: 'the tier the gate belongs to (五星级)',
  tierId: 'tier ID (five-star)',
  gate: 'gate ID',
  description: 'what the gate requires',
  required: 'the minimum (≥ 90)',
  actual: 'the value entered (empty when not entered)',
  result: '通过 / 未通过, or — when the total is below the tier',
  passed: 'true when it holds (a condition)',
  evaluated: 'true when the total reaches the tier, so the gate was checked',
};

const SPECIAL_FIELDS: Record<string, string> = {
  reason: 'what the entry says',
  points: 'points of the entry (1.00)',
};

export const PLACEHOLDERS: PlaceholderGroup = {
  fields: {
    title: "the report's title (its first-level heading)",
    organisation: 'the audited organisation',
    enterpriseType: '企业类型 (生产型, 贸易型, 服务型)',
    scheme: 'name of the scheme',
    schemeId: 'scheme ID (gbt27922-2011)',
    auditType: 'audit type (初次认证 / 监督审核 / 再认证, or as written)',
    auditDate: 'audit date(s)',
    auditTeam: 'audit team as written',
    leadAuditor: 'lead auditor',
    file: 'the report file',
    generatedAt: 'date of the export (YYYY-MM-DD)',
    total: 'the total as the report states it (92.00)',
    baseScore: 'score of the items out of 100, before special items',
    star: 'the star level in words (四星级, 未达标, 不通过（特别扣分超限）, 未完成：N 项未评分（暂计总分 …）)',
    stars: 'number of stars (0 when no tier)',
    tierId: 'tier ID (four-star; empty when none)',
    verdict: 'tier, below-threshold, failed-deductions or incomplete',
    earned: 'points earned over the applicable items',
    applicablePoints: 'points of the applicable items',
    maxPoints: 'points of all items',
    scoredCount: 'number of items scored',
    applicableCount: 'number of applicable items',
    notApplicableCount: 'number of items not applicable',
    unscoredCount: 'number of applicable items not scored',
    deductionCount: 'number of special deductions',
    deductionPoints: 'points of special deductions',
    deductionLimit: 'deductions above this fail the certification',
    bonusClaimed: 'special bonus claimed',
    bonusApplied: 'special bonus counted (capped)',
    bonusCap: 'the bonus cap',
    nextTier: 'the next tier (empty at the top)',
    pointsToNext: 'points the next tier needs',
    next: 'what the next tier needs, in words',
  },
  loops: {
    info: { fields: { key: 'left column of the report’s information table', value: 'right column' }, loops: {} },
    gates: { fields: GATE_FIELDS, loops: {} },
    failedGates: { fields: GATE_FIELDS, loops: {} },
    groups: { fields: GROUP_FIELDS, loops: {} },
    sections: { fields: GROUP_FIELDS, loops: { items: { fields: ITEM_FIELDS, loops: {} } } },
    items: { fields: ITEM_FIELDS, loops: {} },
    notApplicable: { fields: ITEM_FIELDS, loops: {} },
    unscored: { fields: ITEM_FIELDS, loops: {} },
    deductions: { fields: SPECIAL_FIELDS, loops: {} },
    bonuses: { fields: SPECIAL_FIELDS, loops: {} },
    nonconformities: {
      fields: {
        id: 'NC ID (NC-01)',
        clauses: 'clause IDs',
        severity: '严重 / 一般 / 观察项',
        severityId: 'major, minor or observation',
        finding: 'the finding',
        due: 'due date (整改期限)',
        status: 'status in words',
        statusId: 'open, action-planned, overdue or closed',
        rootCause: 'root cause (原因分析)',
        correctiveAction: 'corrective action (纠正措施)',
        verification: 'verification (验证)',
      },
      loops: {},
    },
    signOff: { fields: { role: 'role (审核组长, 审核组成员, 受审核方代表)', name: 'name, when the report gives it' }, loops: {} },
  },
};

/** Every placeholder name as written in a template: `total`, `#items`, `items.id`, … (for the docs check). */
export function placeholderNames(group: PlaceholderGroup = PLACEHOLDERS, prefix = ''): string[] {
  const out: string[] = [];
  for (const f of Object.keys(group.fields)) out.push(`${prefix}${f}`);
  for (const [name, g] of Object.entries(group.loops)) {
    out.push(`${prefix}#${name}`);
    out.push(...placeholderNames(g, `${prefix}${name}.`));
  }
  return out;
}

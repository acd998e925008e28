/**
 * Every problem the tool reports, with a stable code, a default severity and its words in
 * English and Chinese. The model, the workspace analysis, the language server and the CLI all
 * render messages from here, so a user sees the same words everywhere.
 */

export type Severity = 'error' | 'warning' | 'information' | 'hint';
export type Locale = 'en' | 'zh';

interface ProblemSpec {
  severity: Severity;
  en: string;
  zh: string;
}

/** Templates use `{name}` placeholders filled from the problem's args. */
export const PROBLEMS = {
  // --- one file (document model) ---
  'unknown-clause': {
    severity: 'error',
    en: 'Unknown clause {id} in scheme {scheme}.{didYouMean}',
    zh: '条款 {id} 不在评价方案 {scheme} 中。{didYouMean}',
  },
  'invalid-range': {
    severity: 'error',
    en: 'Invalid clause range {range}: both ends must be items of the same group, in ascending order.',
    zh: '条款范围 {range} 无效：两端须为同一组内的指标，且由小到大。',
  },
  'group-tag': {
    severity: 'hint',
    en: '{id} ({title}) is a group: it gives context but covers no items. Name the items, e.g. [{example}].',
    zh: '{id}（{title}）是分组条款，只提供上下文，不覆盖任何指标。请写明具体指标，如 [{example}]。',
  },
  'group-tag-in-entry': {
    severity: 'error',
    en: 'An audit entry scores exactly one item; {id} is a group. Score its items one by one.',
    zh: '审核条目只能对一个指标评分；{id} 是分组条款，请逐项评分。',
  },
  'entry-multiple-items': {
    severity: 'error',
    en: 'An audit entry scores exactly one item; this tag names {count}.',
    zh: '审核条目只能对一个指标评分；此标记列出了 {count} 个条款。',
  },
  'missing-score': {
    severity: 'error',
    en: 'No score for {id}: write a percentage (80%), earned/max ({points}/{points}), points (4分) or 不适用 with a reason.',
    zh: '{id} 缺少评分：请写百分比（80%）、得分/满分（{points}/{points}）、分数（4分）或“不适用”加理由。',
  },
  'malformed-score': {
    severity: 'error',
    en: 'Cannot read the score "{text}" for {id}: write 80%, {points}/{points}, 4分 or 不适用 with a reason.',
    zh: '无法识别 {id} 的评分“{text}”：请写 80%、{points}/{points}、4分 或“不适用”加理由。',
  },
  'score-above-max': {
    severity: 'error',
    en: 'Score {text} for {id} exceeds the item maximum ({points} points, 100%).',
    zh: '{id} 的评分 {text} 超过该指标上限（{points} 分，100%）。',
  },
  'max-mismatch': {
    severity: 'error',
    en: 'Score {text} for {id}: the maximum must be the item\'s points ({points}), not {max}.',
    zh: '{id} 的评分 {text}：满分应为该指标分值 {points}，而不是 {max}。',
  },
  'na-without-reason': {
    severity: 'error',
    en: '{id} is marked not applicable without a reason ("无", "-" or "n/a" are none): say why it does not apply.',
    zh: '{id} 标为不适用但未说明理由（“无”“-”“n/a”都不是理由）：请写明不适用的原因。',
  },
  'heading-tag-not-scored': {
    severity: 'information',
    en: '{id} is tagged in this heading but not scored: write its score on the first line under the heading (80%，证据：…), or an entry such as "- [{id}] 80% 证据：…".',
    zh: '此标题标注了 {id}，但没有评分：请在标题下第一行写得分（如“80%，证据：…”），或写成条目“- [{id}] 80% 证据：…”。',
  },
  'special-points-ignored': {
    severity: 'warning',
    en: '"{text}" is not what counts: under scheme {scheme} each special {kind} counts {each} {eachUnit}{cap}. Write one entry per finding.',
    zh: '“{text}”不计入：按评价方案 {scheme}，每项特别{kindZh}计 {each} 分{capZh}。每项发现写一条。',
  },
  'missing-evidence': {
    severity: 'warning',
    en: 'No evidence for {id}: every score needs traceable evidence (证据：…).',
    zh: '{id} 没有证据：每项评分都需留存可追溯证据（证据：…）。',
  },
  'duplicate-score': {
    severity: 'error',
    en: '{id} is scored twice (first at line {line}).',
    zh: '{id} 重复评分（首次在第 {line} 行）。',
  },
  'special-without-reason': {
    severity: 'warning',
    en: 'A special {kind} needs a reason.',
    zh: '特别{kindZh}项需要写明理由。',
  },
  'empty-section': {
    severity: 'warning',
    en: 'Section claims {ids} but says nothing: claimed but not addressed.',
    zh: '本节声明了 {ids}，但没有内容：已声明但未阐述。',
  },
  'front-matter-invalid': {
    severity: 'error',
    en: 'Front matter is not valid YAML: {detail}',
    zh: '文件头（front matter）不是有效的 YAML：{detail}',
  },
  'front-matter-value': {
    severity: 'warning',
    en: 'Front matter "{key}": {detail}',
    zh: '文件头“{key}”：{detail}',
  },
  'too-deeply-nested': {
    severity: 'warning',
    en: 'A line here is indented {columns} columns deep (over {limit}): this part of the file is not analysed.',
    zh: '此处有一行缩进达 {columns} 列（超过 {limit} 列）：文件的这一部分未做分析。',
  },
  'too-complex': {
    severity: 'warning',
    en: 'Too complex to analyse: {why}. This part of the file is not analysed.',
    zh: '过于复杂，无法分析：{why}。文件的这一部分未做分析。',
  },
  // --- suppression comments (analysis/suppressions.ts) ---
  'unused-suppression': {
    severity: 'information',
    en: 'This gbt27922-{directive} comment suppresses no {code} problem: remove it.',
    zh: '此 gbt27922-{directive} 注释没有抑制任何 {code} 问题：请删除。',
  },
  'unknown-problem-code': {
    severity: 'warning',
    en: 'Unknown problem code "{code}" in a gbt27922-{directive} comment.{didYouMean}',
    zh: 'gbt27922-{directive} 注释中的问题代码“{code}”不存在。{didYouMean}',
  },
  // --- workspace (analysis over several files) ---
  'uncovered-item': {
    severity: 'warning',
    en: '{id} (worth {points}) is not covered by the manual: {requirement}{candidateEn}',
    zh: '手册未覆盖 {id}（{points} 分）：{requirement}{candidateZh}',
  },
  // --- clause-tag suggestions (server/src/suggest) ---
  'suggested-clause': {
    severity: 'information',
    en: 'Looks like {id} {titleEn} ({points} pts), from {termsEn}: tag it?',
    zh: '看起来是 {id} {titleZh}（{points} 分），依据：{termsZh}。要加标记吗？',
  },
  'clause-may-be-wrong': {
    severity: 'information',
    en: 'Tagged {tags}, but the text fits {id} {titleEn} much better (from {termsEn}): the tag may be wrong.',
    zh: '已标记 {tags}，但内容更符合 {id} {titleZh}（依据：{termsZh}）：标记可能有误。',
  },
  'not-counted-as-manual': {
    severity: 'information',
    en: 'Not counted as part of the manual: this file tags {ids} but does not declare "type: manual" and is not under the manual root\'s folder. Add "type: manual" to its front matter to count it.',
    zh: '未计入服务手册：本文件标注了 {ids}，但没有声明“type: manual”，也不在手册主文件所在的文件夹中。如需计入，请在文件头加上“type: manual”。',
  },
  'unscored-item': {
    // "所有适用指标均需全面审核": a report with an unscored applicable item is incomplete.
    severity: 'error',
    en: '{id} (worth {points}) is applicable but not scored: {requirement}',
    zh: '{id}（{points} 分）适用但未评分：{requirement}',
  },
  'deductions-over-limit': {
    severity: 'error',
    en: 'Special deductions total {points} points, over the limit of {limit}: the certification fails (不通过) whatever the score.',
    zh: '特别扣分合计 {points} 分，超过 {limit} 分：无论总分多少均不通过。',
  },
  'bonus-over-cap': {
    severity: 'warning',
    en: 'Special bonus claimed {points} points; at most {cap} counts.',
    zh: '特别加分共 {points} 分，最多只计 {cap} 分。',
  },
  'broken-evidence-link': {
    severity: 'warning',
    en: 'Evidence link "{target}" points to a file that does not exist.',
    zh: '证据链接“{target}”指向的文件不存在。',
  },
  'evidence-link-outside': {
    severity: 'warning',
    en: 'Evidence link "{target}" points outside the workspace; it is not checked.',
    zh: '证据链接“{target}”指向工作区之外，未检查。',
  },
  'unknown-scheme': {
    severity: 'error',
    en: 'Unknown scheme "{scheme}": {detail}',
    zh: '未知的评价方案“{scheme}”：{detail}',
  },
  'invalid-scheme': {
    severity: 'error',
    en: 'Scheme file problem: {detail}',
    zh: '评价方案文件有误：{detail}',
  },
  'invalid-config': {
    severity: 'error',
    en: 'Config file problem: {detail}',
    zh: '配置文件有误：{detail}',
  },
  'file-too-large': {
    severity: 'warning',
    en: 'File is {size} MB, over the {limit} MB limit: it is not analysed.',
    zh: '文件大小 {size} MB，超过 {limit} MB 上限：未做分析。',
  },
  'not-text': {
    severity: 'warning',
    en: 'File is not readable text ({detail}): it is not analysed.',
    zh: '文件不是可读文本（{detail}）：未做分析。',
  },
} as const satisfies Record<string, ProblemSpec>;

export type ProblemCode = keyof typeof PROBLEMS;

/**
 * "A part of this file was not analysed": shown on every Markdown file, ours or not (a file whose
 * only content was too complex to read cannot say what it is).
 */
export const NOT_ANALYSED_CODES: ReadonlySet<ProblemCode> = new Set<ProblemCode>(['too-complex', 'too-deeply-nested']);

export function problemSeverity(code: ProblemCode): Severity {
  return PROBLEMS[code].severity;
}

/** Render a problem's message in a locale (`zh` for any Chinese locale, else English). */
export function problemMessage(code: ProblemCode, args: Record<string, string | number>, locale: Locale | string = 'en'): string {
  const spec: ProblemSpec = PROBLEMS[code];
  const zh = normalizeLocale(locale) === 'zh';
  const template = zh ? spec.zh : spec.en;
  const all: Record<string, string | number> = { ...args };
  // Did-you-mean is worded per locale from the `suggestions` arg ("5.1.2.2, 5.1.2.1").
  if (!('didYouMean' in all)) all.didYouMean = args.suggestions ? (zh ? `是否应为 ${args.suggestions}？` : ` Did you mean ${args.suggestions}?`) : '';
  if (code === 'too-complex' && !('why' in all)) all.why = tooComplexWhy(args, zh);
  return template.replace(/\{(\w+)\}/g, (_, name: string) => (name in all ? String(all[name]) : ''));
}

/** Why a part of a file was not analysed (too-complex), from its `reason`, `count` and `limit`. */
function tooComplexWhy(args: Record<string, string | number>, zh: boolean): string {
  const { count, limit } = args;
  switch (args.reason) {
    case 'nesting':
      return zh ? `一行内嵌套了 ${count} 层列表或引用（上限 ${limit} 层）` : `a line opens ${count} nested lists or block quotes (the limit is ${limit})`;
    case 'marks':
      return zh ? `同一部分含 ${count} 个 Markdown 标记符（上限 ${limit} 个）` : `${count} Markdown marks in one part (the limit is ${limit})`;
    case 'time':
      return zh ? `解析超过 ${limit} 秒` : `parsing took longer than ${limit} s`;
    case 'memory':
      return zh ? `解析所需内存超过 ${limit} MB` : `parsing needed more than ${limit} MB of memory`;
    default:
      return String(args.reason ?? '');
  }
}

export function normalizeLocale(locale: string | undefined): Locale {
  return locale && locale.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

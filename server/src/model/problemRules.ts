/**
 * What each problem code means, in plain sentences: the rule descriptions a SARIF viewer (GitHub
 * code scanning) shows reviewers next to each result. The messages themselves (with the item,
 * the score, …) are in problems.ts; these say what the rule checks and what to do, without
 * placeholders. A new problem code does not type-check until it is described here.
 */
import type { ProblemCode } from './problems';

export interface RuleText {
  /** One sentence: what the rule finds. */
  short: { en: string; zh: string };
  /** Why it matters or what to do (a sentence or two). */
  help: { en: string; zh: string };
}

export const PROBLEM_RULES: Record<ProblemCode, RuleText> = {
  'unknown-clause': {
    short: { en: 'A clause ID that is not in the scheme.', zh: '条款编号不在评价方案中。' },
    help: { en: 'A tag names a clause the scheme does not define; the message suggests the closest IDs. Correct the ID so the text counts for the right indicator.', zh: '标记写了评价方案没有的条款，提示中给出最接近的编号。请改正编号，使内容计入正确的指标。' },
  },
  'invalid-range': {
    short: { en: 'A clause range whose ends are not items of one group in ascending order.', zh: '条款范围的两端不是同一组内由小到大的指标。' },
    help: { en: 'A range such as [5.2.4.1-5.2.4.3] must start and end with items of the same second-level group, the smaller first.', zh: '范围如 [5.2.4.1-5.2.4.3] 的两端须为同一二级分组内的指标，且小的在前。' },
  },
  'group-tag': {
    short: { en: 'A tag names a group, which covers no items.', zh: '标记写的是分组条款，不覆盖任何指标。' },
    help: { en: 'Group IDs such as 5.1.2 give context only; name the items (5.1.2.1, 5.1.2.2) the text addresses.', zh: '5.1.2 这样的分组编号只提供上下文，请写明内容所对应的具体指标（如 5.1.2.1、5.1.2.2）。' },
  },
  'group-tag-in-entry': {
    short: { en: 'An audit entry scores a group instead of one item.', zh: '审核条目对分组条款评分，而不是对单个指标。' },
    help: { en: 'Each audit entry scores exactly one item; score the items of the group one by one.', zh: '每个审核条目只对一个指标评分，请对该分组的指标逐项评分。' },
  },
  'entry-multiple-items': {
    short: { en: 'An audit entry whose tag names several items.', zh: '审核条目的标记列出了多个条款。' },
    help: { en: 'A score applies to exactly one item; write one entry per item.', zh: '一个得分只对应一个指标，请每个指标写一个条目。' },
  },
  'missing-score': {
    short: { en: 'An audit entry without a score.', zh: '审核条目没有得分。' },
    help: { en: 'Write a percentage (80%), earned/max (4/5), points (4分) or 不适用 with a reason. Until then the report is incomplete.', zh: '请写百分比（80%）、得分/满分（4/5）、分数（4分）或“不适用”加理由。在此之前报告未完成。' },
  },
  'malformed-score': {
    short: { en: 'An audit entry whose score cannot be read.', zh: '审核条目的得分无法识别。' },
    help: { en: 'Scores are written 80%, 4/5, 4分 or 不适用 with a reason; anything else leaves the item unscored.', zh: '得分写作 80%、4/5、4分 或“不适用”加理由，其他写法视为未评分。' },
  },
  'score-above-max': {
    short: { en: 'A score above the item’s maximum.', zh: '得分超过该指标的上限。' },
    help: { en: 'An item earns at most its points (100%); correct the score.', zh: '一个指标最多得满分（100%），请改正得分。' },
  },
  'max-mismatch': {
    short: { en: 'A score written as earned/max whose maximum is not the item’s points.', zh: '“得分/满分”形式的得分，其满分与该指标分值不符。' },
    help: { en: 'In 4/5 the second number must be the item’s points in the scheme; a different maximum usually means the wrong item or scheme.', zh: '4/5 中的第二个数须等于该指标在评价方案中的分值；不一致通常说明指标或方案写错了。' },
  },
  'na-without-reason': {
    short: { en: 'An item marked not applicable without a reason.', zh: '标为不适用的指标没有写明理由。' },
    help: { en: 'Not applicable items leave the total, so the report must say why; “无”, “-” or “n/a” are not reasons.', zh: '不适用的指标不计入总分，报告须说明原因；“无”“-”“n/a”都不算理由。' },
  },
  'heading-tag-not-scored': {
    short: { en: 'A heading of an audit report tags an item that nothing scores.', zh: '审核报告的标题标注了指标，但没有对它评分。' },
    help: { en: 'Write the score on the first line under the heading (80%，证据：…) or as an entry such as - [5.1.3.2] 80% 证据：….', zh: '请在标题下第一行写得分（如“80%，证据：…”），或写成条目“- [5.1.3.2] 80% 证据：…”。' },
  },
  'special-points-ignored': {
    short: { en: 'Points written on a special deduction or bonus, which do not count as written.', zh: '特别扣分或加分条目上写的分数，不按所写计分。' },
    help: { en: 'Each special entry counts the scheme’s fixed points (1 point under the built-in scheme) and the bonus is capped; write one entry per finding.', zh: '每条特别扣分或加分按评价方案的固定分值计（内置方案为 1 分），特别加分有上限；每项发现写一条。' },
  },
  'missing-evidence': {
    short: { en: 'A scored item without evidence.', zh: '已评分的指标没有证据。' },
    help: { en: 'Every score needs traceable evidence (审核过程需留存可追溯证据): add 证据：… or a link to the record.', zh: '每项评分都需留存可追溯证据：请补充“证据：…”或记录的链接。' },
  },
  'duplicate-score': {
    short: { en: 'An item scored twice in one report.', zh: '同一报告中对一个指标重复评分。' },
    help: { en: 'Only the first score counts; remove or merge the other entry.', zh: '只有第一次评分有效，请删除或合并另一条。' },
  },
  'special-without-reason': {
    short: { en: 'A special deduction or bonus without a reason.', zh: '特别扣分或加分没有写明理由。' },
    help: { en: 'Say what was found, so the deduction or bonus can be traced.', zh: '请写明发现的情况，以便追溯。' },
  },
  'empty-section': {
    short: { en: 'A manual section that claims items but says nothing.', zh: '手册章节声明了指标，但没有内容。' },
    help: { en: 'A tagged heading with nothing under it is claimed but not addressed, and does not count as coverage.', zh: '带标记的标题下没有内容，属于“已声明但未阐述”，不计入覆盖。' },
  },
  'front-matter-invalid': {
    short: { en: 'Front matter that is not valid YAML.', zh: '文件头不是有效的 YAML。' },
    help: { en: 'The whole front matter is ignored until it parses: type, scheme, metrics and not-applicable items included.', zh: '在修正之前整个文件头都被忽略，包括类型、评价方案、指标和不适用项。' },
  },
  'front-matter-value': {
    short: { en: 'A front matter value that cannot be used.', zh: '文件头中的某个值无法使用。' },
    help: { en: 'The message names the key and what is expected; the value is ignored until corrected.', zh: '提示中写明了键和期望的值；改正之前该值被忽略。' },
  },
  'too-deeply-nested': {
    short: { en: 'A part of a file indented too deeply to analyse.', zh: '文件中某部分缩进过深，无法分析。' },
    help: { en: 'Lines indented over 1,000 columns are skipped to keep the analysis fast; no real document needs them.', zh: '缩进超过 1,000 列的行会被跳过以保证分析速度，正常文档不会用到。' },
  },
  'too-complex': {
    short: { en: 'A part of a file too complex to analyse.', zh: '文件中某部分过于复杂，无法分析。' },
    help: {
      en: 'A line opening more than 100 lists or quotes, more than 100,000 Markdown marks in one part, or a part that runs over the parse budget (3 s + 20 s per MB, 256 MB) is not analysed, so that a hostile file cannot stall the editor or CI; the rest of the file and the workspace are. See docs/limits.md.',
      zh: '一行内嵌套超过 100 层列表或引用、同一部分超过 100,000 个 Markdown 标记符，或解析超出预算（3 秒 + 每 MB 20 秒，256 MB）的部分不做分析，以免恶意文件拖垮编辑器或 CI；文件其余部分和工作区照常分析。见 docs/limits.md。',
    },
  },
  'unused-suppression': {
    short: { en: 'A suppression comment that hides no problem.', zh: '抑制注释没有隐藏任何问题。' },
    help: { en: 'The problem it named is gone or never was on those lines; remove the comment so exceptions stay visible.', zh: '它所指的问题已不存在或从未出现在这些行上；请删除该注释，使例外情况保持清楚。' },
  },
  'unknown-problem-code': {
    short: { en: 'A suppression comment names a problem code that does not exist.', zh: '抑制注释写了不存在的问题代码。' },
    help: { en: 'Use one of the codes in docs/rules.md; the message suggests the closest one.', zh: '请使用 docs/rules.md 中列出的代码，提示中给出最接近的代码。' },
  },
  'uncovered-item': {
    short: { en: 'An item of the scheme that the manual does not cover.', zh: '评价方案中手册未覆盖的指标。' },
    help: { en: 'Every indicator must be addressed somewhere in the manual; add a section tagged with the item, or mark it not applicable with a reason.', zh: '每个指标都应在手册中有所阐述：请增加带该指标标记的章节，或写明理由标为不适用。' },
  },
  'suggested-clause': {
    short: { en: 'An untagged manual heading whose text looks like an item (editor only).', zh: '未加标记、但内容看起来对应某项指标的手册标题（仅编辑器）。' },
    help: { en: 'The suggestion engine found the item’s words in the section; tag the heading with the item (the quick fix offers the top three) if it addresses it.', zh: '建议引擎在本节中找到了该指标的用语；如本节确实阐述该指标，请为标题加上标记（快速修复提供前三个建议）。' },
  },
  'clause-may-be-wrong': {
    short: { en: 'A tagged manual heading whose text fits another item much better (editor only).', zh: '已加标记、但内容明显更符合另一项指标的手册标题（仅编辑器）。' },
    help: { en: 'Check the tag: the section’s words point to another item; the quick fix retags it.', zh: '请核对标记：本节用语指向另一项指标；快速修复可改标。' },
  },
  'not-counted-as-manual': {
    short: { en: 'A file with clause tags that is not counted as part of the manual.', zh: '有条款标记但未计入服务手册的文件。' },
    help: { en: 'Once manual files are declared (type: manual or manualRoot), only they and files under the manual root’s folder count; add type: manual to count this one.', zh: '一旦声明了手册文件（type: manual 或 manualRoot），只有它们和手册主文件所在文件夹中的文件计入；如需计入，请加上 type: manual。' },
  },
  'unscored-item': {
    short: { en: 'An applicable item that the audit report does not score.', zh: '审核报告未评分的适用指标。' },
    help: { en: 'All applicable indicators must be audited (所有适用指标均需全面审核): until it is scored, the report is incomplete and gets no star.', zh: '所有适用指标均需全面审核：在评分之前，报告未完成，不评定星级。' },
  },
  'deductions-over-limit': {
    short: { en: 'Special deductions over the limit, which fail the certification.', zh: '特别扣分超过上限，认证不通过。' },
    help: { en: 'More than 5 points of special deductions (under the built-in scheme) fail the certification whatever the total.', zh: '特别扣分超过 5 分（内置方案）时，无论总分多少均不通过。' },
  },
  'bonus-over-cap': {
    short: { en: 'Special bonus claimed above its cap.', zh: '申报的特别加分超过上限。' },
    help: { en: 'Only the capped amount (1 point under the built-in scheme) counts toward the total.', zh: '只有上限以内的加分（内置方案为 1 分）计入总分。' },
  },
  'broken-evidence-link': {
    short: { en: 'An evidence link to a file that does not exist.', zh: '证据链接指向的文件不存在。' },
    help: { en: 'Evidence must be traceable: fix the path or add the file.', zh: '证据须可追溯：请改正路径或补充文件。' },
  },
  'evidence-link-outside': {
    short: { en: 'An evidence link that points outside the workspace.', zh: '证据链接指向工作区之外。' },
    help: { en: 'Links outside the workspace are not checked; keep evidence with the documents.', zh: '工作区之外的链接不做检查；请将证据与文档放在一起。' },
  },
  'unknown-scheme': {
    short: { en: 'A scheme that is neither built in nor a readable file.', zh: '评价方案既不是内置方案，也不是可读取的文件。' },
    help: { en: 'Name a built-in scheme (gbt27922-2011, gbt27922-2011-dual-score, ten-star) or a scheme file relative to the file that names it.', zh: '请写内置方案编号（gbt27922-2011、gbt27922-2011-dual-score、ten-star），或相对于当前文件的方案文件路径。' },
  },
  'invalid-scheme': {
    short: { en: 'A scheme file that is not valid.', zh: '评价方案文件无效。' },
    help: { en: 'The message names the place in the file and what is wrong; scheme files are checked against the published JSON Schema.', zh: '提示中写明了文件中的位置和问题；方案文件按发布的 JSON Schema 校验。' },
  },
  'invalid-config': {
    short: { en: 'A project config file setting that is not valid.', zh: '项目配置文件中的设置无效。' },
    help: { en: 'The message names the setting and what is expected; the command line stops with exit code 2 until it is fixed.', zh: '提示中写明了设置项和期望的值；修正之前命令行以退出码 2 结束。' },
  },
  'file-too-large': {
    short: { en: 'A file over the size limit, which is not analysed.', zh: '文件超过大小上限，未做分析。' },
    help: { en: 'Raise maxFileSizeMB in gbt27922.config.json, or exclude the file.', zh: '请在 gbt27922.config.json 中调高 maxFileSizeMB，或排除该文件。' },
  },
  'not-text': {
    short: { en: 'A file that is not readable text, which is not analysed.', zh: '文件不是可读文本，未做分析。' },
    help: { en: 'Save it as UTF-8 (or UTF-16 with a BOM, or GB18030).', zh: '请另存为 UTF-8（或带 BOM 的 UTF-16、GB18030）。' },
  },
  'sample-above-size': {
    short: { en: 'A sampled score with more conforming samples than were taken.', zh: '抽查评分的合格数大于抽查数。' },
    help: { en: 'In 抽查 N 份，合格 M 份 the conforming count M cannot exceed the sample size N; correct the counts. The item counts as unscored until then.', zh: '“抽查 N 份，合格 M 份”中合格数 M 不能大于抽查数 N，请改正。在此之前该指标按未评分计。' },
  },
  'sample-empty': {
    short: { en: 'A sampled score with a sample of 0.', zh: '抽查评分的抽查数为 0。' },
    help: { en: 'A score from a sample needs at least one sample; write how many were checked.', zh: '按抽查评分至少要抽查一份，请写明抽查了多少份。' },
  },
  'nc-duplicate-id': {
    short: { en: 'Two non-conformities with the same ID in one report.', zh: '同一报告中两个不符合项编号相同。' },
    help: { en: 'Give each NC its own ID (NC-01, NC-02, …): follow-ups and the next audit refer to NCs by ID.', zh: '请给每个不符合项唯一编号（NC-01、NC-02 …）：跟踪和下次审核都按编号引用不符合项。' },
  },
  'nc-unknown-clause': {
    short: { en: 'A non-conformity raised against a clause the scheme does not have.', zh: '不符合项所引条款不在评价方案中。' },
    help: { en: 'Correct the clause tag after the NC ID; the message suggests the closest IDs.', zh: '请改正不符合项编号后的条款标记，提示中给出最接近的编号。' },
  },
  'nc-no-clause': {
    short: { en: 'A non-conformity that names no clause.', zh: '不符合项未标明条款。' },
    help: { en: 'Tag the clause the NC is raised against right after its ID, e.g. [NC-01] [5.2.3.2].', zh: '请在不符合项编号后标明所针对的条款，如 [NC-01] [5.2.3.2]。' },
  },
  'nc-no-severity': {
    short: { en: 'A non-conformity without a severity.', zh: '不符合项未写明性质。' },
    help: { en: 'Write 严重/major, 一般/minor or 观察项/observation after the clause tag: the severity decides what follows (corrective action, gates).', zh: '请在条款后写“严重”“一般”或“观察项”：性质决定后续要求（纠正措施、门槛）。' },
  },
  'nc-invalid-date': {
    short: { en: 'A due or verification date of a non-conformity that is not a calendar date.', zh: '不符合项的整改期限或验证日期不是有效日期。' },
    help: { en: 'Write dates as YYYY-MM-DD (2027-04-30); 2027年4月30日 and 2027/4/30 are read too.', zh: '日期请写成 YYYY-MM-DD（2027-04-30）；“2027年4月30日”“2027/4/30”也能识别。' },
  },
  'nc-no-due': {
    short: { en: 'A major or minor non-conformity without a due date.', zh: '严重或一般不符合项没有整改期限。' },
    help: { en: 'Write 整改期限：YYYY-MM-DD so the NC can be tracked and flagged when overdue.', zh: '请写“整改期限：YYYY-MM-DD”，以便跟踪并在逾期时提示。' },
  },
  'nc-no-action': {
    short: { en: 'A non-conformity not closed that has no corrective action.', zh: '未关闭的不符合项没有纠正措施。' },
    help: { en: 'Record the corrective action (纠正措施：…); for a major NC this is a warning, for a minor one a note.', zh: '请记录纠正措施（纠正措施：…）；严重不符合项为警告，一般不符合项为提示。' },
  },
  'nc-verification-no-date': {
    short: { en: 'A verification of a non-conformity without a date.', zh: '不符合项的验证没有日期。' },
    help: { en: 'An NC is closed when it is verified with a date: write 验证：2027-04-25 已关闭.', zh: '写明验证日期才算关闭：“验证：2027-04-25 已关闭”。' },
  },
  'follow-up-no-status': {
    short: { en: 'A follow-up of a previous non-conformity that gives no status.', zh: '上次不符合项的跟踪未写明状态。' },
    help: { en: 'Write 已关闭/closed, 整改中/action planned or 未关闭/open after the follow-up label.', zh: '请在跟踪标记后写“已关闭”“整改中”或“未关闭”。' },
  },
  'follow-up-duplicate': {
    short: { en: 'The same previous non-conformity followed up twice.', zh: '同一上次不符合项被重复跟踪。' },
    help: { en: 'Keep one follow-up per NC so its status is unambiguous.', zh: '每个不符合项只保留一条跟踪，使状态明确。' },
  },
  'nc-overdue': {
    short: { en: 'A non-conformity past its due date and not closed.', zh: '不符合项已过整改期限仍未关闭。' },
    help: { en: 'Close it (verification with a date), or record why it is late; the date it is judged against is today, the gbt27922.asOfDate setting or --as-of.', zh: '请关闭（写明验证日期）或说明逾期原因；判断日期为今天、设置 gbt27922.asOfDate 或 --as-of。' },
  },
  'nc-full-score': {
    short: { en: 'An item scored 100 % that carries a major or minor non-conformity.', zh: '存在严重或一般不符合项的指标评为满分。' },
    help: { en: 'A non-conformity against an item normally lowers its score; check the score or the NC.', zh: '指标存在不符合项时通常应扣分，请核对得分或不符合项。' },
  },
  'nc-item-capped': {
    short: { en: 'An item whose score a non-conformity caps (scheme ncRules).', zh: '不符合项限制了指标得分（方案 ncRules）。' },
    help: { en: 'The scheme lets an NC of this severity cap the item at a percentage of its points; the score as written is kept in the JSON.', zh: '评价方案规定该性质的不符合项将指标得分限制在一定比例；原写得分保留在 JSON 中。' },
  },
  'nc-blocks-star': {
    short: { en: 'Major non-conformities not closed that block any star (scheme ncRules).', zh: '未关闭的严重不符合项使报告不能获得任何星级（方案 ncRules）。' },
    help: { en: 'Close the major NCs (verification with a date) before the star is granted.', zh: '请先关闭严重不符合项（写明验证日期），再授予星级。' },
  },
  'nc-not-followed-up': {
    short: { en: 'An open non-conformity of the previous report that this report does not follow up.', zh: '本报告未跟踪上次报告中未关闭的不符合项。' },
    help: { en: 'Every NC the previous audit left open must be followed up: add [跟踪 NC-xx] with its status.', zh: '上次审核未关闭的每个不符合项都须跟踪：请添加“[跟踪 NC-xx]”并写明状态。' },
  },
  'follow-up-unknown-nc': {
    short: { en: 'A follow-up of a non-conformity the previous report does not have.', zh: '跟踪的不符合项在上次报告中不存在。' },
    help: { en: 'Check the NC ID against the previous report named in previous:.', zh: '请对照 previous: 所指的上次报告核对编号。' },
  },
  'follow-up-no-previous': {
    short: { en: 'A follow-up in a report that names no previous report.', zh: '报告有跟踪条目，但未写明上次审核报告。' },
    help: { en: 'Add previous: <relative path of the previous report> to the front matter so the follow-ups can be checked.', zh: '请在文件头添加“previous: 上次审核报告的相对路径”，以便核对跟踪。' },
  },
  'surveillance-late': {
    short: { en: 'Two audits of a certification cycle further apart than the scheme allows.', zh: '认证周期中两次审核的间隔超过方案规定。' },
    help: { en: 'Surveillance audits are due every surveillanceMonths (12 in the built-in schemes); check the auditDate of both reports.', zh: '监督审核应每 surveillanceMonths 个月进行一次（内置方案为 12 个月）；请核对两份报告的 auditDate。' },
  },
  'item-score-dropped': {
    short: { en: 'An item whose score fell by 20 points of percentage or more since the previous audit.', zh: '指标得分率比上次审核下降 20 个百分点以上。' },
    help: { en: 'A note for the auditor: look at what changed, and whether a non-conformity is due.', zh: '供审核员参考：请查看变化原因，以及是否应开具不符合项。' },
  },
  'previous-not-found': {
    short: { en: 'The previous report named in previous: cannot be read.', zh: '无法读取 previous: 所指的上次审核报告。' },
    help: { en: 'Give a path relative to the report, to a file inside the workspace; files outside it are never read.', zh: '请写相对于本报告、位于工作区内的路径；工作区之外的文件不会读取。' },
  },
  'previous-not-audit': {
    short: { en: 'previous: names a file that is not an audit report.', zh: 'previous: 所指的文件不是审核报告。' },
    help: { en: 'Point previous: at the audit report of the previous audit.', zh: '请让 previous: 指向上次审核的审核报告。' },
  },
  'previous-loop': {
    short: { en: 'A chain of previous reports that loops.', zh: '上次审核报告链形成循环。' },
    help: { en: 'Each report names the one before it, back to the initial audit; one previous: points forward or at itself.', zh: '每份报告应指向它之前的报告，直到初次认证；有一个 previous: 指向了之后的报告或自身。' },
  },
  'previous-chain-too-long': {
    short: { en: 'A chain of previous reports longer than the limit.', zh: '上次审核报告链超过上限。' },
    help: { en: 'Reports further back than the limit are not read; the trend and history stop there.', zh: '超过上限的更早报告不再读取，历次审核在此截止。' },
  },
  'previous-not-earlier': {
    short: { en: 'A previous report dated on or after this audit.', zh: '上次审核报告的日期不早于本次审核。' },
    help: { en: 'Check the auditDate of both reports, and that previous: names the earlier one.', zh: '请核对两份报告的 auditDate，以及 previous: 是否指向较早的报告。' },
  },
};

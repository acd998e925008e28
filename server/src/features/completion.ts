/**
 * Completion, decided from the text of the line up to the cursor:
 * - clause IDs inside `[` / `【` (also after `,` `，` `、` and `-` in a multi-ID or range tag),
 *   in `<!-- clause: … -->`, and in front matter `clauses:` / `not-applicable:` — label = ID,
 *   title (zh + en) beside it, points as detail, requirement as documentation; items not yet
 *   covered (manual) or scored (report) come first, each bucket in clause order; done items
 *   are marked ✓. Full-width input (`【５．１`) is matched and replaced by the normalised ID.
 * - after an audit entry's tag (`- [5.1.2.2] |`, or the score cell of a table row): score forms
 *   `100%`, `80%` … from the scheme's bands (with the band's guidance), `5/5`, `5分`, `不适用`.
 * - after a score: `证据：` (or `Evidence: ` in an English document).
 * - front matter keys (English and Chinese, those not yet present), `type:`, `scheme:` and
 *   `auditType:` values, and the scheme's metric IDs under `metrics:`.
 * - NC IDs of the previous report in a follow-up (`[跟踪 |` / `[follow-up |`): those not closed
 *   and not yet followed up first, with severity, status and finding.
 * Every item carries a textEdit whose range covers exactly what the user typed of it (and the
 * rest of the ID after the cursor). Nothing is offered inside code spans or fenced code, and in
 * a file that is not a manual or report only when completion was invoked explicitly or a digit
 * was typed (so `[` in an ordinary README stays quiet).
 */
import {
  CompletionItemKind,
  CompletionTriggerKind,
  InsertTextFormat,
  MarkupKind,
  type CompletionItem,
  type CompletionList,
  type CompletionParams,
  type Range,
} from 'vscode-languageserver';
import type { FeatureContext } from './context';
import type { ClauseItem, Scheme } from '../scheme/types';
import type { Locale } from '../model/problems';
import { builtinSchemeIds } from '../scheme/loader';
import { normalizeClauseId } from '../scheme/clauseId';
import { Rational } from '../analysis/rational';
import { bandFor, itemPoints } from '../analysis/scoring';
import { documentLanguage, escapeMarkdown, groupPath, l, localized, pointsLabel, pointsOfGroup, shorten } from './util';
import type { NcState } from '../analysis/nonconformities';
import { ncSummaryLine } from './ncText';

export interface CompletionOptions {
  /** The client accepts snippet syntax in insert texts. */
  snippetSupport?: boolean;
}

/** ID characters: ASCII and full-width digits and dots. */
const ID_CHARS = '0-9\\uFF10-\\uFF19.\\uFF0E\\u3002';
const PARTIAL_ID = new RegExp(`[${ID_CHARS}]*$`);
const LEADING_ID = new RegExp(`^[${ID_CHARS}]*`);
/** Inside a tag before the cursor: IDs, separators, range dashes, spaces. */
const TAG_INSIDE = new RegExp(`^[${ID_CHARS},\\uFF0C\\u3001\\s\\-\\u2013~\\uFF5E]*$`);
const ID_RAW = `[0-9\\uFF10-\\uFF19]+(?:[.\\uFF0E\\u3002][0-9\\uFF10-\\uFF19]+)+`;
/** An audit entry's leading tag (list item, numbered item, or paragraph), then whitespace, then the partial score. */
const ENTRY_SCORE = new RegExp(`^\\s*(?:(?:[-*+]|\\d+[.)])\\s+)?[[【]\\s*(${ID_RAW})\\s*[\\]】]\\s+(\\S*)$`);
/** A table row whose first cell is the tag; the cursor in the next cell. */
const TABLE_SCORE = new RegExp(`^\\s*\\|\\s*[[【]\\s*(${ID_RAW})\\s*[\\]】]\\s*\\|\\s*(\\S*)$`);
const SCORE = '(?:\\d+(?:\\.\\d+)?\\s*[%％]|\\d+(?:\\.\\d+)?\\s*[/／]\\s*\\d+(?:\\.\\d+)?|\\d+(?:\\.\\d+)?\\s*分)';
/** After a score: the entry's tag, its score, then anything. */
const ENTRY_AFTER_SCORE = new RegExp(`^\\s*(?:(?:[-*+]|\\d+[.)])\\s+)?[[【]\\s*(${ID_RAW})\\s*[\\]】]\\s*(?:\\|\\s*)?${SCORE}(?:\\s*\\|)?(\\s.*|)$`);
const PARTIAL_SCORE = /^[0-9.０-９．]*[%％]?$|^[0-9.]+[/／][0-9.]*$|^[0-9.]+分?$|^不适?用?$|^[Nn]([/／][Aa]?)?$/;

/** Inside a follow-up label before the cursor: `[跟踪 NC-0`, `- [follow-up `. */
const FOLLOW_UP_OPEN = /[[【［]\s*(?:跟踪|跟进|复查|follow[- ]?up)[ \t:：]+([0-9A-Za-z\-_.]*)$/i;

const CLAUSE_KEYS = new Set(['clauses', 'clause', '条款', '覆盖条款']);
const NA_KEYS = new Set(['not-applicable', 'not_applicable', 'notapplicable', '不适用', '不适用条款']);

export function completion(ctx: FeatureContext, params: CompletionParams, options: CompletionOptions = {}): CompletionList | null {
  const uri = params.textDocument.uri;
  const text = ctx.text(uri);
  if (text === undefined) return null;
  const lines = text.split(/\r\n|\r|\n/);
  const pos = params.position;
  const line = lines[pos.line] ?? '';
  const before = line.slice(0, pos.character);
  const after = line.slice(pos.character);
  const model = ctx.model(uri);
  const kind = model?.kind ?? 'none';
  const scheme = ctx.schemeFor(uri);
  const explicit = params.context?.triggerKind !== CompletionTriggerKind.TriggerCharacter;
  const env: Env = { ctx, uri, scheme, locale: ctx.locale, kind, options, text };

  const fm = frontMatterBounds(lines);
  if (fm && pos.line > fm.start && pos.line < fm.end) return list(frontMatterCompletion(env, lines, pos.line, before, after, fm.end));
  if (insideCode(lines, pos.line, before, fm?.end)) return null;

  const followUp = FOLLOW_UP_OPEN.exec(before);
  if (followUp && kind === 'audit') {
    const rest = /^[0-9A-Za-z\-_.]*/.exec(after)![0];
    const range = replaceRange(pos.line, pos.character - followUp[1].length, pos.character + rest.length);
    const closer = /^\s*[\]】］]/.test(after.slice(rest.length)) ? '' : before.includes('【') ? '】' : ']';
    return list(followUpItems(env, range, closer));
  }

  if (kind === 'audit' || kind === 'none') {
    const score = ENTRY_SCORE.exec(before) ?? TABLE_SCORE.exec(before);
    if (score && PARTIAL_SCORE.test(score[2])) {
      const item = scheme.itemById.get(normalizeClauseId(score[1]));
      if (item) return list(scoreItems(env, item, replaceRange(pos.line, pos.character - score[2].length, pos.character)));
    }
    const afterScore = ENTRY_AFTER_SCORE.exec(before);
    if (afterScore && !/证据|evidence/i.test(line) && (kind === 'audit' || explicit)) {
      return list(evidenceItems(env, before, pos));
    }
  }

  // Clause IDs in a tag.
  const open = Math.max(before.lastIndexOf('['), before.lastIndexOf('【'));
  if (open >= 0) {
    const inside = before.slice(open + 1);
    if (TAG_INSIDE.test(inside) && !isLinkText(before, open)) {
      if (kind === 'none' && !explicit && !/\d|[\uFF10-\uFF19]/.test(inside)) return null;
      const opener = before[open];
      const partial = PARTIAL_ID.exec(inside)![0];
      const rest = LEADING_ID.exec(after)![0];
      const range = replaceRange(pos.line, pos.character - partial.length, pos.character + rest.length);
      const afterToken = after.slice(rest.length);
      const closer = /^\s*[\]】,，、\-–~～]/.test(afterToken) ? '' : opener === '【' ? '】' : ']';
      const items = clauseItems(env, { partial, range, closer, rangeStart: rangeStartBefore(inside, partial), atEntryStart: /^\s*(?:(?:[-*+]|\d+[.)])\s+)?$/.test(before.slice(0, open)), heading: /^\s{0,3}#/.test(line) });
      if (kind === 'audit' && inside.trim() === '' && /^\s*(?:(?:[-*+]|\d+[.)])\s+)?$/.test(before.slice(0, open))) {
        items.push(...specialItems(env, range, closer));
      }
      return list(items);
    }
  }
  // `<!-- clause: … -->`
  const comment = /<!--\s*clauses?\s*[:：]\s*([^>]*)$/i.exec(before);
  if (comment && TAG_INSIDE.test(comment[1])) {
    const partial = PARTIAL_ID.exec(comment[1])![0];
    const rest = LEADING_ID.exec(after)![0];
    const range = replaceRange(pos.line, pos.character - partial.length, pos.character + rest.length);
    return list(clauseItems(env, { partial, range, closer: '', rangeStart: rangeStartBefore(comment[1], partial), atEntryStart: false, heading: false }));
  }
  return null;
}

interface Env {
  ctx: FeatureContext;
  uri: string;
  scheme: Scheme;
  locale: Locale;
  kind: 'manual' | 'audit' | 'none';
  options: CompletionOptions;
  text: string;
}

function list(items: CompletionItem[]): CompletionList | null {
  return items.length === 0 ? null : { isIncomplete: false, items };
}

function replaceRange(line: number, start: number, end: number): Range {
  return { start: { line, character: start }, end: { line, character: end } };
}

// ---------------------------------------------------------------------------------------------
// Where the cursor is

function frontMatterBounds(lines: string[]): { start: number; end: number } | undefined {
  if (!/^---\s*$/.test((lines[0] ?? '').replace(/^\uFEFF/, ''))) return undefined;
  for (let i = 1; i < lines.length; i++) if (/^(?:---|\.\.\.)\s*$/.test(lines[i])) return { start: 0, end: i };
  return { start: 0, end: lines.length };
}

/** Inside a fenced code block (scan from the top) or an inline code span (odd backticks before). */
function insideCode(lines: string[], line: number, before: string, fmEnd?: number): boolean {
  let fence: string | undefined;
  for (let i = fmEnd !== undefined ? fmEnd + 1 : 0; i < line; i++) {
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(lines[i]);
    if (!m) continue;
    if (!fence) fence = m[1];
    else if (m[1][0] === fence[0] && m[1].length >= fence.length && /^\s{0,3}[`~]+\s*$/.test(lines[i])) fence = undefined;
  }
  if (fence) return true;
  const ticks = (before.match(/`+/g) ?? []).length;
  return ticks % 2 === 1;
}

/** `[text` where the bracket opens a link's text that has non-ID text (never, given TAG_INSIDE) or an image `![`. */
function isLinkText(before: string, open: number): boolean {
  return open > 0 && before[open - 1] === '!';
}

/** For a range `a-|`, the normalised `a`. */
function rangeStartBefore(inside: string, partial: string): string | undefined {
  const head = inside.slice(0, inside.length - partial.length);
  const m = new RegExp(`(${ID_RAW})\\s*[-\\u2013~\\uFF5E]\\s*$`).exec(head);
  return m ? normalizeClauseId(m[1]) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Clause IDs

interface IdSite {
  partial: string;
  range: Range;
  closer: string;
  rangeStart?: string;
  /** The tag opens a list item or paragraph (an audit entry position). */
  atEntryStart: boolean;
  heading: boolean;
}

function toFullWidth(id: string): string {
  return id.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/\./g, '．');
}

/** Item IDs that are done in this document's terms (covered in a manual, scored in a report). */
function doneItems(env: Env): { done: Set<string>; label: string } | undefined {
  if (env.kind === 'audit') {
    const a = env.ctx.audit(env.uri);
    if (!a) return undefined;
    return { done: new Set(a.score.items.filter((r) => r.state !== 'unscored').map((r) => r.item.id)), label: l(env.locale, '已评分', 'scored') };
  }
  const m = env.ctx.manual();
  if (env.kind === 'manual' && m) {
    return { done: new Set([...m.coverage.covered, ...m.coverage.excluded].map((it) => it.id)), label: l(env.locale, '已覆盖', 'covered') };
  }
  return undefined;
}

function clauseItems(env: Env, site: IdSite): CompletionItem[] {
  const { scheme, locale } = env;
  const fullWidth = /[\uFF10-\uFF19\uFF0E\u3002]/.test(site.partial);
  const state = doneItems(env);
  const out: CompletionItem[] = [];
  let items = scheme.items;
  if (site.rangeStart) {
    const start = scheme.itemById.get(site.rangeStart);
    if (start) items = items.filter((it) => it.group === start.group && it.order > start.order);
  }
  // Groups are offered where a group tag makes sense: manual text and headings, not audit entries.
  const offerGroups = !site.rangeStart && (env.kind !== 'audit' || site.heading) && !(env.kind === 'audit' && site.atEntryStart);
  const pad = (n: number) => String(n).padStart(4, '0');
  for (const it of items) {
    const done = state?.done.has(it.id) ?? false;
    const titleZh = it.title.zh ?? shorten(it.requirement, 16);
    const titleEn = it.title.en ?? '';
    out.push({
      label: it.id,
      labelDetails: { detail: ` ${done ? '✓ ' : ''}${titleZh}`, description: titleEn },
      kind: CompletionItemKind.EnumMember,
      detail: `${pointsLabel(it.points, locale)}${state ? ` · ${done ? state.label : l(locale, env.kind === 'audit' ? '未评分' : '未覆盖', env.kind === 'audit' ? 'not scored' : 'not covered')}` : ''}`,
      documentation: { kind: MarkupKind.Markdown, value: itemDoc(env, it) },
      sortText: `${done ? 1 : 0}-${pad(it.order)}`,
      filterText: fullWidth ? toFullWidth(it.id) : it.id,
      textEdit: { range: site.range, newText: it.id + site.closer },
    });
  }
  if (offerGroups) {
    for (const g of scheme.groups) {
      const first = scheme.items.find((it) => it.group === g.id || it.section === g.id);
      const order = first ? first.order : scheme.items.length;
      out.push({
        label: g.id,
        labelDetails: { detail: ` ${g.title.zh ?? ''}`, description: g.title.en ?? '' },
        kind: CompletionItemKind.Module,
        detail: `${pointsLabel(pointsOfGroup(scheme, g.id).toFixed(2), locale)} · ${l(locale, '分组', 'group')}`,
        documentation: {
          kind: MarkupKind.Markdown,
          value: l(locale, '分组条款只提供上下文，不覆盖指标。', 'A group gives context; it covers no items.') + (groupPath(scheme, g.id, locale) ? `\n\n${groupPath(scheme, g.id, locale)}` : ''),
        },
        // Groups sort just before their first item, in the "done" bucket: they are never missing.
        sortText: `1-${pad(order)}-0`,
        filterText: fullWidth ? toFullWidth(g.id) : g.id,
        textEdit: { range: site.range, newText: g.id + site.closer },
      });
    }
  }
  return out;
}

function itemDoc(env: Env, it: ClauseItem): string {
  const path = groupPath(env.scheme, it.id, env.locale);
  const en = it.title.en && env.locale === 'zh' ? `\n\n${it.title.en}` : '';
  return `${path}\n\n${it.requirement}${en}`;
}

function specialItems(env: Env, range: Range, closer: string): CompletionItem[] {
  const { locale, scheme } = env;
  const lang = documentLanguage(env.text, locale);
  const labels = lang === 'zh' ? ['扣分', '加分'] : ['deduction', 'bonus'];
  return labels.map((label, i) => ({
    label,
    kind: CompletionItemKind.Keyword,
    detail: i === 0 ? l(locale, `特别扣分 · 每项 ${scheme.deduction.pointsEach} 分`, `special deduction · ${scheme.deduction.pointsEach} point each`) : l(locale, `特别加分 · 最多 ${scheme.bonus.cap} 分`, `special bonus · at most ${scheme.bonus.cap} point`),
    documentation: i === 0 ? scheme.deduction.description || scheme.deduction.rule : scheme.bonus.description || scheme.bonus.rule,
    sortText: `2-${i}`,
    textEdit: { range, newText: `${label}${closer || ']'} ` },
  }));
}

// ---------------------------------------------------------------------------------------------
// Scores and evidence

function scoreItems(env: Env, item: ClauseItem, range: Range): CompletionItem[] {
  const { scheme, locale } = env;
  const points = itemPoints(item);
  const out: CompletionItem[] = [];
  const percents = [...new Set(scheme.bands.flatMap((b) => [b.max, b.min]))].sort((a, b) => b - a);
  percents.forEach((p, i) => {
    const r = Rational.fromNumber(p);
    const band = bandFor(scheme, r);
    const earned = points.mul(r).div(Rational.HUNDRED).toFixed(2);
    out.push({
      label: `${p}%`,
      kind: CompletionItemKind.Value,
      detail: `${earned} / ${points.toFixed(2)} ${l(locale, '分', 'points')}${band ? ` · ${band.min}–${band.max}%` : ''}`,
      documentation: band ? { kind: MarkupKind.Markdown, value: [...new Set(band.descriptions)].map((d) => `- ${d}`).join('\n') } : undefined,
      sortText: `0-${String(i).padStart(2, '0')}`,
      textEdit: { range, newText: `${p}% ` },
    });
  });
  const pts = points.toFixed(2);
  out.push({
    label: `${pts}/${pts}`,
    kind: CompletionItemKind.Value,
    detail: l(locale, '得分/满分（满分须为该指标分值）', 'earned/max (max must be the item’s points)'),
    sortText: '1-0',
    textEdit: { range, newText: `${pts}/${pts} ` },
  });
  out.push({
    label: `${pts}分`,
    kind: CompletionItemKind.Value,
    detail: l(locale, '得分（分）', 'points earned'),
    sortText: '1-1',
    textEdit: { range, newText: `${pts}分 ` },
  });
  const lang = documentLanguage(env.text, locale);
  const na = lang === 'zh' ? '不适用' : 'N/A';
  const snippet = env.options.snippetSupport;
  out.push({
    label: `${na} `,
    kind: CompletionItemKind.Keyword,
    detail: l(locale, '不适用：须写明理由，该项不计入总分', 'not applicable: give a reason; the item leaves the total'),
    sortText: '1-2',
    insertTextFormat: snippet ? InsertTextFormat.Snippet : InsertTextFormat.PlainText,
    textEdit: { range, newText: snippet ? `${na} \${1:${lang === 'zh' ? '理由' : 'reason'}}` : `${na} ` },
  });
  return out;
}

const EVIDENCE_WORDS = ['证据：', '证据:', 'evidence:'];

function evidenceItems(env: Env, before: string, pos: { line: number; character: number }): CompletionItem[] {
  const lang = documentLanguage(env.text, env.locale);
  // What the user typed of the marker: the longest suffix of the line that begins one of the words.
  let typed = '';
  for (let n = Math.min(before.length, 9); n > 0; n--) {
    const suffix = before.slice(before.length - n).toLowerCase();
    if (EVIDENCE_WORDS.some((w) => w.startsWith(suffix))) {
      typed = before.slice(before.length - n);
      break;
    }
  }
  const range = replaceRange(pos.line, pos.character - typed.length, pos.character);
  const lead = typed === '' && before.length > 0 && !/\s$/.test(before) ? ' ' : '';
  const zh = typed ? /^证/.test(typed) : lang === 'zh';
  const word = zh ? '证据：' : 'Evidence: ';
  const out: CompletionItem[] = [
    {
      label: word.trim(),
      kind: CompletionItemKind.Keyword,
      detail: l(env.locale, '可追溯的证据（记录、文件、访谈）', 'traceable evidence (records, documents, interviews)'),
      sortText: '0',
      filterText: word,
      textEdit: { range, newText: `${lead}${word}` },
    },
  ];
  if (env.options.snippetSupport) {
    out.push({
      label: `${word.trim()}[…](…)`,
      kind: CompletionItemKind.Snippet,
      detail: l(env.locale, '证据并链接到记录文件', 'evidence with a link to the record'),
      sortText: '1',
      filterText: word,
      insertTextFormat: InsertTextFormat.Snippet,
      textEdit: { range, newText: `${lead}${word}[\${1:${zh ? '记录' : 'record'}}](\${2:evidence/})` },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Front matter

/** Front-matter keys the model reads (server/src/model/frontMatter.ts), English key and main Chinese alias. */
const FRONT_MATTER_KEYS: { key: string; zh: string; detail: [string, string]; value: string }[] = [
  { key: 'type', zh: '类型', detail: ['文件类型：manual（手册）或 audit（审核报告）', 'document kind: manual or audit'], value: ' ' },
  { key: 'scheme', zh: '评价方案', detail: ['评价方案 ID 或方案文件路径', 'scheme ID or path of a scheme file'], value: ' ' },
  { key: 'organisation', zh: '企业名称', detail: ['受审核组织名称', 'name of the organisation'], value: ' ' },
  { key: 'enterprise-type', zh: '企业类型', detail: ['企业类型（生产型、贸易型、服务型…）', 'enterprise type (manufacturer, trader, service…)'], value: ' ' },
  { key: 'not-applicable', zh: '不适用', detail: ['不适用的指标及理由（条款: 理由）', 'items that do not apply, with reasons (id: reason)'], value: '\n  ' },
  { key: 'metrics', zh: '指标', detail: ['方案的测评指标（如客户满意度）', 'the scheme’s metrics (e.g. customer satisfaction)'], value: '\n  ' },
  { key: 'clauses', zh: '条款', detail: ['整个文件覆盖的条款', 'clauses the whole file covers'], value: '\n  - ' },
  { key: 'root', zh: '主文件', detail: ['手册主文件（未覆盖的指标报告在此）', 'the manual’s root file (uncovered items are reported on it)'], value: ' true' },
  { key: 'auditType', zh: '审核类型', detail: ['审核类型：初次认证、监督审核或再认证', 'audit type: initial, surveillance or recertification'], value: ' ' },
  { key: 'auditDate', zh: '审核日期', detail: ['审核日期（YYYY-MM-DD）', 'audit date (YYYY-MM-DD)'], value: ' ' },
  { key: 'previous', zh: '上次审核', detail: ['上次审核报告的相对路径', 'relative path of the previous audit report'], value: ' ' },
];

/** `ty|` at the start of a front-matter line: keys not yet present, in the document’s language first. */
function frontMatterKeys(env: Env, lines: string[], fmEnd: number, lineNo: number, before: string, after: string): CompletionItem[] {
  const present = new Set<string>();
  for (let i = 1; i < fmEnd; i++) {
    if (i === lineNo) continue;
    const m = /^([^\s#:：-][^:：]*?)\s*[:：]/.exec(lines[i]);
    if (m) present.add(m[1].trim().toLowerCase());
  }
  const rest = /^[^\s:：]*/.exec(after)![0];
  const range = replaceRange(lineNo, 0, before.length + rest.length);
  const zhFirst = /[\u3400-\u9fff]/.test(before) || (before === '' && documentLanguage(env.text, env.locale) === 'zh');
  const out: CompletionItem[] = [];
  FRONT_MATTER_KEYS.forEach((k, i) => {
    if (present.has(k.key.toLowerCase()) || present.has(k.zh)) return;
    for (const [j, name] of [k.key, k.zh].entries()) {
      const first = (j === 1) === zhFirst;
      out.push({
        label: name,
        kind: CompletionItemKind.Property,
        detail: l(env.locale, k.detail[0], k.detail[1]),
        sortText: `${first ? 0 : 1}-${String(i).padStart(2, '0')}`,
        textEdit: { range, newText: `${name}:${k.value}` },
      });
    }
  });
  return out;
}

/** Under `metrics:`: the scheme’s metric IDs. */
function metricKeys(env: Env, lineNo: number, before: string, after: string, indent: string): CompletionItem[] {
  const rest = /^[^\s:：]*/.exec(after)![0];
  const range = replaceRange(lineNo, indent.length, before.length + rest.length);
  return env.scheme.metrics.map((m, i) => ({
    label: m.id,
    labelDetails: { description: localized(m.name, env.locale) },
    kind: CompletionItemKind.Property,
    detail: `${localized(m.name, env.locale)} · ${m.unit === 'percent' ? '%' : l(env.locale, '分', 'points')} (${m.min}–${m.max})`,
    filterText: [m.id, ...m.aliases].join(' '),
    sortText: String(i).padStart(2, '0'),
    textEdit: { range, newText: `${m.id}: ` },
  }));
}

function frontMatterCompletion(env: Env, lines: string[], lineNo: number, before: string, after: string, fmEnd: number): CompletionItem[] {
  if (/^[^\s#:：-]*$/.test(before) && !/^[^\s]*\s*[:：]/.test(after)) return frontMatterKeys(env, lines, fmEnd, lineNo, before, after);
  const top = /^([^\s#:][^:]*?)\s*[:：]\s*(.*)$/.exec(before);
  if (top) {
    const key = top[1].trim().toLowerCase();
    const value = top[2];
    if (key === 'type' || key === '类型') {
      const range = replaceRange(lineNo, before.length - value.length, before.length + after.trimEnd().length);
      return ['manual', 'audit'].map((v, i) => ({
        label: v,
        kind: CompletionItemKind.EnumMember,
        detail: v === 'manual' ? l(env.locale, '售后服务手册', 'service manual') : l(env.locale, '审核报告', 'audit report'),
        sortText: String(i),
        textEdit: { range, newText: v },
      }));
    }
    if (key === 'audittype' || key === '审核类型') {
      const range = replaceRange(lineNo, before.length - value.length, before.length + after.trimEnd().length);
      const types: [string, string, string][] = [
        ['initial', '初次认证', 'initial certification audit'],
        ['surveillance', '监督审核', 'surveillance audit'],
        ['recertification', '再认证', 'recertification audit'],
      ];
      return types.map(([v, zh, en], i) => ({ label: env.locale === 'zh' ? zh : v, kind: CompletionItemKind.EnumMember, detail: env.locale === 'zh' ? v : `${en} (${zh})`, filterText: `${v} ${zh}`, sortText: String(i), textEdit: { range, newText: env.locale === 'zh' ? zh : v } }));
    }
    if (key === 'scheme' || key === '评价方案') {
      const range = replaceRange(lineNo, before.length - value.length, before.length + after.trimEnd().length);
      return builtinSchemeIds().map((id, i) => ({ label: id, kind: CompletionItemKind.EnumMember, sortText: String(i), textEdit: { range, newText: id } }));
    }
    if (CLAUSE_KEYS.has(key) && TAG_INSIDE.test(value.replace(/^\[/, ''))) {
      return frontMatterIds(env, lineNo, before.length, value.replace(/^\[/, ''), after, false);
    }
    return [];
  }
  // A list item or mapping key under a key.
  const item = /^(\s*)-\s*(.*)$/.exec(before) ?? /^(\s+)(.*)$/.exec(before);
  if (!item) return [];
  let key: string | undefined;
  for (let i = lineNo - 1; i > 0; i--) {
    const m = /^([^\s#:-][^:]*?)\s*[:：]\s*$/.exec(lines[i]);
    if (m) {
      key = m[1].trim().toLowerCase();
      break;
    }
    if (/^[^\s#-]/.test(lines[i])) break;
  }
  if (!key) return [];
  if (['metrics', '指标', '关键指标', '测评指标'].includes(key) && /^\s+[^\s:：-]*$/.test(before)) return metricKeys(env, lineNo, before, after, item[1]);
  const inside = item[2];
  if (!TAG_INSIDE.test(inside)) return [];
  if (CLAUSE_KEYS.has(key)) return frontMatterIds(env, lineNo, before.length, inside, after, false);
  if (NA_KEYS.has(key)) return frontMatterIds(env, lineNo, before.length, inside, after, !/^\s*-/.test(before));
  return [];
}

function frontMatterIds(env: Env, lineNo: number, cursor: number, inside: string, after: string, asKey: boolean): CompletionItem[] {
  const partial = PARTIAL_ID.exec(inside)![0];
  const rest = LEADING_ID.exec(after)![0];
  const range = replaceRange(lineNo, cursor - partial.length, cursor + rest.length);
  const closer = asKey && !/^\s*[:：]/.test(after.slice(rest.length)) ? ': ' : '';
  const items = clauseItems(env, { partial, range, closer, atEntryStart: false, heading: false });
  // `not-applicable:` names items only.
  return asKey || closer ? items.filter((i) => i.kind === CompletionItemKind.EnumMember) : items;
}

/** NC IDs of the previous report for a follow-up: not closed and not yet followed up first. */
function followUpItems(env: Env, range: Range, closer: string): CompletionItem[] {
  const audit = env.ctx.audit(env.uri);
  const previous = audit?.cycle?.previous;
  if (!previous) return [];
  const model = env.ctx.model(env.uri);
  const followed = new Set(model?.followUps.map((f) => f.id) ?? []);
  const rank = (s: NcState) => (followed.has(s.nc.id) ? 3 : s.status === 'closed' ? 2 : s.nc.severity === 'observation' ? 1 : 0);
  return [...previous.ncs]
    .sort((a, b) => rank(a) - rank(b))
    .map((s, i) => ({
      label: s.nc.id,
      kind: CompletionItemKind.Reference,
      detail: ncSummaryLine(s, env.locale),
      documentation: { kind: MarkupKind.Markdown, value: `${escapeMarkdown(s.nc.finding)}\n\n${escapeMarkdown(previous.name)}${followed.has(s.nc.id) ? `\n\n${l(env.locale, '（本报告已跟踪）', '(already followed up in this report)')}` : ''}` },
      sortText: `${rank(s)}${String(i).padStart(3, '0')}`,
      textEdit: { range, newText: `${s.nc.id}${closer}` },
    }));
}


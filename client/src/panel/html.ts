/**
 * HTML for the score panel (webview) and for the standalone export. Pure: no `vscode` import.
 *
 * Safety rules, all enforced here and checked by test/unit/client:
 * - every string that comes from a document, the scheme or the server goes through escapeHtml
 *   (text and attribute values alike); numbers in attributes are formatted from numbers;
 * - the webview page has a strict CSP: nothing by default, the stylesheet and images from the
 *   webview's own resource origin, and exactly one script, carrying the nonce; no inline
 *   handlers, no inline styles (bars are SVG rects with a numeric width);
 * - the standalone page has no script at all; its one inline <style> is allowed by hash.
 */
import { createHash, randomBytes } from 'node:crypto';
import { t } from '@vscode/l10n';
import type { DocumentScorePayload } from '../../../server/src/protocol';
import {
  buildViewModel,
  nextText,
  type AuditView,
  type GateView,
  type GroupView,
  type ItemView,
  type LinkTarget,
  type ManualView,
  type NcRowView,
  type PanelViewModel,
  type TrendRowView,
} from './viewModel';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escape text for HTML text content and double- or single-quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** A fresh CSP nonce (base64url, 128 bits). */
export function makeNonce(): string {
  return randomBytes(16).toString('base64url');
}

function num(n: number): string {
  return Number.isFinite(n) ? String(n) : '0';
}

function htmlLang(locale: string): string {
  return locale === 'zh' ? 'zh-CN' : 'en';
}

/** Export buttons of the panel (Word, Excel, PDF). */
export type ExportButton = 'docx' | 'xlsx' | 'pdf';

export interface RenderOptions {
  /** Rows open places in the editor (webview) or are plain text (export). */
  interactive: boolean;
  /** Export buttons to show (webview only; PDF only when LibreOffice is found). */
  exports?: readonly ExportButton[];
}

const EXPORT_BUTTONS: Record<ExportButton, { label: () => string; title: () => string }> = {
  docx: { label: () => t('Word'), title: () => t('Export report to Word') },
  xlsx: { label: () => t('Excel'), title: () => t('Export report to Excel') },
  pdf: { label: () => t('PDF'), title: () => t('Export report to PDF') },
};

/** The export buttons: Word and PDF for reports and manuals, Excel (the score sheet) for reports. */
function exportBar(vm: PanelViewModel, opts: RenderOptions): string {
  if (!opts.interactive || !opts.exports?.length || (vm.kind !== 'audit' && vm.kind !== 'manual')) return '';
  const buttons = opts.exports
    .filter((f) => f !== 'xlsx' || vm.kind === 'audit')
    .map((f) => `<button type="button" class="export" data-export="${escapeHtml(f)}" title="${escapeHtml(EXPORT_BUTTONS[f].title())}">${escapeHtml(EXPORT_BUTTONS[f].label())}</button>`)
    .join('');
  return `<nav class="export-bar" aria-label="${escapeHtml(t('Export'))}">${buttons}</nav>`;
}

function bar(percent: number, label: string): string {
  return (
    `<svg class="bar" viewBox="0 0 100 6" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(label)}">` +
    `<rect class="bar-track" x="0" y="0" width="100" height="6"></rect>` +
    `<rect class="bar-fill" x="0" y="0" width="${num(percent)}" height="6"></rect></svg>`
  );
}

function kindLabel(vm: PanelViewModel): string {
  switch (vm.kind) {
    case 'audit':
      return t('Audit report');
    case 'manual':
      return t('Service manual');
    default:
      return t('Not a GB/T 27922 document');
  }
}

function header(vm: PanelViewModel, opts: RenderOptions = { interactive: false }): string {
  const meta: string[] = [`<span class="kind">${escapeHtml(kindLabel(vm))}</span>`];
  if (vm.schemeName) meta.push(`<span class="scheme" title="${escapeHtml(vm.schemeId)}">${escapeHtml(t('Scheme: {0}', vm.schemeName))}</span>`);
  if (vm.organisation) meta.push(`<span class="organisation">${escapeHtml(t('Organisation: {0}', vm.organisation))}</span>`);
  return (
    `<header class="doc"><h1 class="doc-name">${escapeHtml(vm.documentName)}</h1>` +
    `<p class="meta">${meta.join('<span class="sep"> · </span>')}</p>${exportBar(vm, opts)}</header>`
  );
}

function problemsLine(vm: PanelViewModel): string {
  const { errors, warnings, suppressed } = vm.problems;
  const cls = errors > 0 ? 'has-errors' : warnings > 0 ? 'has-warnings' : 'clean';
  const hidden = suppressed > 0 ? ` <span class="suppressed">${escapeHtml(t('{0} suppressed', suppressed))}</span>` : '';
  return `<p class="problems ${cls}">${escapeHtml(t('{0} errors, {1} warnings', errors, warnings))}${hidden}</p>`;
}

function groupsSection(groups: GroupView[], heading: string, valueLabel: (g: GroupView) => string): string {
  if (groups.length === 0) return '';
  const rows = groups
    .map(
      (g) =>
        `<tr class="group level-${g.level}"><th scope="row"><span class="id">${escapeHtml(g.id)}</span> <span class="title">${escapeHtml(g.title)}</span></th>` +
        `<td class="bar-cell">${bar(g.barPercent, `${g.id} ${g.percentText}%`)}</td>` +
        `<td class="num">${escapeHtml(valueLabel(g))}</td><td class="num pct">${escapeHtml(g.percentText)}%</td></tr>`,
    )
    .join('');
  return `<section class="groups"><h2>${escapeHtml(heading)}</h2><table class="group-table"><tbody>${rows}</tbody></table></section>`;
}

function itemRow(item: ItemView, list: string, opts: RenderOptions): string {
  const inner =
    `<span class="item-head"><span class="id">${escapeHtml(item.id)}</span> <span class="title">${escapeHtml(item.title)}</span>` +
    (item.points ? ` <span class="points">${escapeHtml(t('{0} pts', item.points))}</span>` : '') +
    `</span>` +
    (item.requirement ? `<span class="requirement">${escapeHtml(item.requirement)}</span>` : '');
  if (!opts.interactive) return `<li class="item">${inner}</li>`;
  return openable('li', 'item', `${list}:${item.id}`, item.link, t('Go to {0}', item.id), inner, opts);
}

function itemsSection(cls: string, heading: string, items: ItemView[], empty: string, opts: RenderOptions): string {
  const body =
    items.length === 0
      ? `<p class="all-done">${escapeHtml(empty)}</p>`
      : `<ul class="items">${items.map((i) => itemRow(i, cls, opts)).join('')}</ul>`;
  return `<section class="${cls}"><h2>${escapeHtml(heading)} <span class="count">(${num(items.length)})</span></h2>${body}</section>`;
}

function gateRow(g: GateView): string {
  const state = g.passed ? 'passed' : 'failed';
  const mark = g.passed ? '✓' : '✗';
  return (
    `<tr class="gate ${state}"><td class="mark" aria-label="${escapeHtml(g.passed ? t('passed') : t('failed'))}">${mark}</td>` +
    `<td class="gate-tier">${escapeHtml(g.tier)}</td><td class="gate-desc">${escapeHtml(g.description || g.id)}</td>` +
    `<td class="num">${escapeHtml(g.actual)}</td><td class="num">≥ ${escapeHtml(g.min)}</td></tr>`
  );
}

function gatesSection(a: AuditView): string {
  if (a.gates.length === 0) return '';
  const head =
    `<thead><tr><th></th><th>${escapeHtml(t('Tier'))}</th><th>${escapeHtml(t('Condition'))}</th>` +
    `<th class="num">${escapeHtml(t('Actual'))}</th><th class="num">${escapeHtml(t('Required'))}</th></tr></thead>`;
  return `<section class="gates"><h2>${escapeHtml(t('Gates'))}</h2><table class="gate-table">${head}<tbody>${a.gates.map(gateRow).join('')}</tbody></table></section>`;
}

function auditSummary(a: AuditView): string {
  const lines: string[] = [];
  if (a.verdict === 'failed-deductions') {
    lines.push(
      `<p class="verdict-reason">${escapeHtml(t('Special deductions of {0} points exceed the limit of {1}: the report fails whatever the total.', a.deductions.points, a.deductions.limit))}</p>`,
    );
  }
  for (const g of a.failedGates) {
    lines.push(
      `<p class="failed-gate">${escapeHtml(t('Gate failed for {0}: {1} (needs ≥ {2}, actual {3})', g.tier, g.description || g.id, g.min, g.actual))}</p>`,
    );
  }
  if (a.next) lines.push(`<p class="next">${escapeHtml(nextText(a.next))}</p>`);
  // The reported total decides; the unrounded value is there for whoever checks the arithmetic.
  const exact = a.exactTotal
    ? `<p class="exact-total">${escapeHtml(t('unrounded {0}; reported with {1} decimals ({2})', a.exactTotal, a.rounding.decimals, a.rounding.mode === 'truncate' ? t('truncated') : t('half-up')))}</p>`
    : '';
  const unit = a.verdict === 'incomplete' ? t('points (provisional)') : t('points');
  return (
    `<section class="summary verdict-${escapeHtml(a.verdict)}">` +
    `<div class="total"><span class="total-value">${escapeHtml(a.total)}</span><span class="total-unit">${escapeHtml(unit)}</span></div>` +
    exact +
    `<div class="stars" role="img" aria-label="${escapeHtml(a.stars.ariaLabel)}"><span class="stars-filled">${'★'.repeat(a.stars.filled)}</span><span class="stars-empty">${'☆'.repeat(a.stars.max - a.stars.filled)}</span></div>` +
    `<div class="tier-name">${escapeHtml(a.verdictText || a.tierName || '')}</div>` +
    lines.join('') +
    `</section>`
  );
}

function auditSpecials(a: AuditView): string {
  const d = a.deductions;
  const b = a.bonus;
  const rows = [
    [t('Base score'), a.baseScore, ''],
    [
      t('Special deductions'),
      `−${d.points}`,
      t('{0} entries, limit {1} points', d.count, d.limit) + (d.overLimit ? ` — ${t('over the limit')}` : ''),
      d.overLimit ? 'bad' : '',
    ],
    [
      t('Bonus'),
      `+${b.applied}`,
      t('claimed {0}, cap {1}', b.claimed, b.cap) + (b.capped ? ` — ${t('capped')}` : ''),
      b.capped ? 'warn' : '',
    ],
    [t('Items scored'), `${a.scoredCount} / ${a.applicableCount}`, t('{0} not applicable', a.notApplicableCount)],
  ];
  return (
    `<section class="specials"><h2>${escapeHtml(t('Score breakdown'))}</h2><table class="specials-table"><tbody>` +
    rows
      .map(
        ([label, value, note, cls]) =>
          `<tr class="${escapeHtml(cls ?? '')}"><th scope="row">${escapeHtml(label)}</th><td class="num">${escapeHtml(value)}</td><td class="note">${escapeHtml(note)}</td></tr>`,
      )
      .join('') +
    `</tbody></table></section>`
  );
}

/** A row that opens a place (webview) or plain content (export); `inner` is already escaped HTML. */
function openable(tag: 'li' | 'td', cls: string, key: string, link: LinkTarget, title: string, inner: string, opts: RenderOptions): string {
  if (!opts.interactive) return `<${tag}><span class="${cls}">${inner}</span></${tag}>`;
  const r = link.range;
  return (
    `<${tag}><button type="button" class="${cls}" data-open="1" data-key="${escapeHtml(key)}" data-uri="${escapeHtml(link.uri)}"` +
    ` data-start-line="${num(r.start.line)}" data-start-character="${num(r.start.character)}"` +
    ` data-end-line="${num(r.end.line)}" data-end-character="${num(r.end.character)}"` +
    ` title="${escapeHtml(title)}">${inner}</button></${tag}>`
  );
}

function ncRow(r: NcRowView, opts: RenderOptions): string {
  const inner =
    `<span class="item-head"><span class="id">${escapeHtml(r.id)}</span> ` +
    `<span class="badge severity-${escapeHtml(r.severity)}">${escapeHtml(r.severityText)}</span> ` +
    `<span class="badge nc-status status-${escapeHtml(r.status)}">${escapeHtml(r.statusText)}</span>` +
    (r.clauses ? ` <span class="clauses">${escapeHtml(r.clauses)}</span>` : '') +
    `</span>` +
    (r.dueText ? `<span class="due">${escapeHtml(r.dueText)}</span>` : '') +
    (r.finding ? `<span class="requirement finding">${escapeHtml(r.finding)}</span>` : '') +
    (r.followedUpText ? `<span class="followed-up">${escapeHtml(r.followedUpText)}</span>` : '');
  return openable('li', `item nc status-${escapeHtml(r.status)}`, `nc:${r.id}:${r.link.range.start.line}`, r.link, t('Go to {0}', r.id), inner, opts);
}

function ncSection(a: AuditView, opts: RenderOptions): string {
  const n = a.ncs;
  if (n.total === 0 && n.followUps.length === 0 && n.notFollowedUp.length === 0) return '';
  const counts =
    `<table class="nc-counts"><tbody>` +
    `<tr><th scope="row">${escapeHtml(t('By severity'))}</th><td>${n.bySeverity.map((s) => `<span class="count-cell severity-${escapeHtml(s.severity)}">${escapeHtml(s.text)} ${num(s.count)}</span>`).join('<span class="sep"> · </span>')}</td></tr>` +
    `<tr><th scope="row">${escapeHtml(t('By status'))}</th><td>${n.byStatus.map((s) => `<span class="count-cell status-${escapeHtml(s.status)}">${escapeHtml(s.text)} ${num(s.count)}</span>`).join('<span class="sep"> · </span>')}</td></tr>` +
    `<tr><th scope="row">${escapeHtml(t('Still open'))}</th><td class="open-count">${escapeHtml(t('{0} (observations not counted)', n.open))}</td></tr>` +
    `</tbody></table>`;
  const rows = n.rows.length ? `<ul class="items nc-list">${n.rows.map((r) => ncRow(r, opts)).join('')}</ul>` : '';
  const follow = n.followUps.length
    ? `<h3>${escapeHtml(t('Follow-ups of the previous audit'))}</h3><ul class="items follow-ups">` +
      n.followUps
        .map((f) => openable('li', 'item follow-up', `fu:${f.id}:${f.link.range.start.line}`, f.link, t('Go to {0}', f.id), `<span class="id">${escapeHtml(f.id)}</span> <span class="badge">${escapeHtml(f.statusText)}</span>${f.known ? '' : ` <span class="warn-text">${escapeHtml(t('not in the previous report'))}</span>`}`, opts))
        .join('') +
      `</ul>`
    : '';
  const missing = n.notFollowedUp.length
    ? `<h3 class="warn-text">${escapeHtml(t('Not followed up'))}</h3><ul class="items not-followed-up">` +
      n.notFollowedUp.map((f) => openable('li', 'item not-followed', `nf:${f.id}`, f.link, t('Go to {0}', f.id), `<span class="id">${escapeHtml(f.id)}</span> <span class="badge">${escapeHtml(f.severityText)}</span> ${escapeHtml(t('open in the previous report, not followed up here'))}`, opts)).join('') +
      `</ul>`
    : '';
  return (
    `<section class="ncs"><h2>${escapeHtml(t('Non-conformities'))} <span class="count">(${num(n.total)})</span> <span class="as-of">${escapeHtml(t('as of {0}', n.asOf))}</span></h2>` +
    counts +
    rows +
    follow +
    missing +
    `</section>`
  );
}

function trendRow(r: TrendRowView, opts: RenderOptions): string {
  const cells =
    `<td class="num">${escapeHtml(r.auditDate)}</td><td>${escapeHtml(r.auditTypeText)}</td><td class="num">${escapeHtml(r.total)}</td>` +
    `<td><span class="stars-filled" aria-hidden="true">${'★'.repeat(r.stars)}</span> ${escapeHtml(r.verdictText)}</td><td class="num">${num(r.openNcs)}</td>`;
  const file = r.current
    ? `<td class="file current">${escapeHtml(r.file)}</td>`
    : openable('td', 'link-button', `trend:${r.file}`, r.link, t('Open {0}', r.file), escapeHtml(r.file), opts);
  return `<tr class="trend-row${r.current ? ' current' : ''}">${cells}${file}</tr>`;
}

function cycleSection(a: AuditView, opts: RenderOptions): string {
  const c = a.cycle;
  if (!c.auditTypeText && !c.auditDate && !c.previous && c.trend.length <= 1 && !c.broken) return '';
  const head = [c.auditTypeText, c.auditDate].filter((x) => x).join(' · ');
  const prev = c.previous
    ? `<p class="previous">${escapeHtml(t('Previous audit: {0} ({1}): {2}, {3} → {4} ({5})', c.previous.file, c.previous.auditDate, c.previous.total, c.previous.verdictText, a.total, c.previous.change))}</p>`
    : '';
  const changes = c.groupChanges.length
    ? `<table class="group-changes"><thead><tr><th>${escapeHtml(t('Group'))}</th><th class="num">${escapeHtml(t('Before'))}</th><th class="num">${escapeHtml(t('Now'))}</th><th class="num">${escapeHtml(t('Change'))}</th></tr></thead><tbody>` +
      c.groupChanges
        .map((g) => `<tr class="group level-${g.level}${g.change.startsWith('-') ? ' down' : g.change.startsWith('+') ? ' up' : ''}"><th scope="row"><span class="id">${escapeHtml(g.id)}</span> <span class="title">${escapeHtml(g.title)}</span></th><td class="num">${escapeHtml(g.before)}%</td><td class="num">${escapeHtml(g.after)}%</td><td class="num">${escapeHtml(g.change)}</td></tr>`)
        .join('') +
      `</tbody></table>`
    : '';
  const trend =
    c.trend.length > 1
      ? `<h3>${escapeHtml(t('Trend'))}</h3><table class="trend"><thead><tr><th class="num">${escapeHtml(t('Date'))}</th><th>${escapeHtml(t('Type'))}</th><th class="num">${escapeHtml(t('Total'))}</th><th>${escapeHtml(t('Star'))}</th><th class="num">${escapeHtml(t('Open NCs'))}</th><th>${escapeHtml(t('Report'))}</th></tr></thead><tbody>` +
        c.trend.map((r) => trendRow(r, opts)).join('') +
        `</tbody></table>`
      : '';
  const broken = c.broken ? `<p class="broken warn-text">${escapeHtml(c.broken)}</p>` : '';
  return `<section class="cycle"><h2>${escapeHtml(t('Certification cycle'))}${head ? ` <span class="count">${escapeHtml(head)}</span>` : ''}</h2>${prev}${changes}${trend}${broken}</section>`;
}

function auditBody(a: AuditView, opts: RenderOptions): string {
  return (
    auditSummary(a) +
    ncSection(a, opts) +
    cycleSection(a, opts) +
    auditSpecials(a) +
    gatesSection(a) +
    groupsSection(a.groups, t('By group'), (g) => `${g.value} / ${g.max}`) +
    itemsSection('unscored', t('Unscored items'), a.unscored, t('Every applicable item is scored.'), opts)
  );
}

function manualBody(m: ManualView, opts: RenderOptions): string {
  const summary =
    `<section class="summary coverage">` +
    `<div class="total"><span class="total-value">${escapeHtml(m.percentByPoints)}%</span><span class="total-unit">${escapeHtml(t('covered by points'))}</span></div>` +
    `<div class="coverage-bar">${bar(m.barPercent, `${m.percentByPoints}%`)}</div>` +
    `<p class="coverage-detail">${escapeHtml(t('{0} of {1} points; {2} of {3} items ({4}%)', m.coveredPoints, m.totalPoints, m.coveredCount, m.totalCount, m.percentByCount))}</p>` +
    `</section>`;
  const fileList = (list: string[]) =>
    `<ul class="file-list">` +
    list.map((f) => `<li${f === m.root ? ' class="root"' : ''}>${escapeHtml(f)}${f === m.root ? ` <span class="badge">${escapeHtml(t('root'))}</span>` : ''}</li>`).join('') +
    `</ul>`;
  // Which files were taken as the manual, and why, whenever that is not simply "declared".
  const basis = m.basis === 'inferred' ? `<p class="manual-basis">${escapeHtml(t('Taken as the manual because no file declares "type: manual": every file with clause tags counts.'))}</p>` : '';
  const files =
    m.files.length === 0 ? '' : `<section class="files"><h2>${escapeHtml(t('Manual files'))}</h2>${basis}${fileList(m.files)}</section>`;
  const notCounted =
    m.notCounted.length === 0
      ? ''
      : `<section class="not-counted"><h2>${escapeHtml(t('Not counted as the manual'))}</h2>` +
        `<p>${escapeHtml(t('These files have clause tags but do not declare "type: manual" and are not under the manual root\'s folder.'))}</p>${fileList(m.notCounted)}</section>`;
  const thisFile = m.counted ? '' : `<p class="not-counted-notice">${escapeHtml(t('This file is not counted as part of the manual: it does not declare "type: manual" and is not under the manual root\'s folder.'))}</p>`;
  return (
    thisFile +
    summary +
    groupsSection(m.groups, t('Coverage by group'), (g) => `${g.value} / ${g.max}`) +
    itemsSection('uncovered', t('Uncovered items'), m.uncovered, t('Every item is covered.'), opts) +
    (m.emptySections.length > 0 ? itemsSection('empty-sections', t('Claimed but not addressed'), m.emptySections, '', opts) : '') +
    files +
    notCounted
  );
}

/** The panel's content (inside #root): used for the first page, for updates and for export. */
export function renderPanelBody(vm: PanelViewModel, opts: RenderOptions = { interactive: true }): string {
  if (vm.kind === 'empty') {
    return `<main class="panel empty"><p class="placeholder">${escapeHtml(t('Open an audit report or a service manual (Markdown) to see its score or coverage.'))}</p></main>`;
  }
  const attrs = `data-kind="${escapeHtml(vm.kind)}" data-uri="${escapeHtml(vm.uri ?? '')}"` + (vm.version === undefined ? '' : ` data-version="${num(Number(vm.version))}"`);
  if (vm.kind === 'none') {
    return (
      `<main class="panel none" ${attrs}>${header(vm)}` +
      `<p class="placeholder">${escapeHtml(t('This Markdown file is neither a service manual nor an audit report. Add front matter "type: manual" or "type: audit", or clause tags such as [5.1.2.2].'))}</p></main>`
    );
  }
  const body = vm.kind === 'audit' && vm.audit ? auditBody(vm.audit, opts) : vm.manual ? manualBody(vm.manual, opts) : '';
  return `<main class="panel ${escapeHtml(vm.kind)}" ${attrs}>${header(vm, opts)}${body}${problemsLine(vm)}</main>`;
}

export interface PanelHtmlOptions {
  /** Per-page random nonce for the one script. */
  nonce: string;
  /** webview.cspSource. */
  cspSource: string;
  /** webview.asWebviewUri(media/panel.js). */
  scriptUri: string;
  /** webview.asWebviewUri(media/panel.css). */
  styleUri: string;
  /** UI locale ('en', 'zh-cn', …) for <html lang>; default: the payload's. */
  locale?: string;
  /** Export buttons to show. */
  exports?: readonly ExportButton[];
}

/** The webview page for a payload (or the empty state). */
export function renderPanelHtml(payload: DocumentScorePayload | undefined, opts: PanelHtmlOptions): string {
  const vm = buildViewModel(payload);
  const nonce = escapeHtml(opts.nonce);
  const csp = [
    `default-src 'none'`,
    `style-src ${opts.cspSource}`,
    `script-src 'nonce-${opts.nonce}'`,
    `img-src ${opts.cspSource} data:`,
    `font-src ${opts.cspSource}`,
  ].join('; ');
  const lang = opts.locale ? (opts.locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en') : htmlLang(vm.locale);
  return (
    `<!DOCTYPE html><html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<link rel="stylesheet" href="${escapeHtml(opts.styleUri)}">` +
    `<title>${escapeHtml(t('GB/T 27922 score'))}</title></head>` +
    `<body><div id="root" aria-live="polite">${renderPanelBody(vm, { interactive: true, exports: opts.exports })}</div>` +
    `<script nonce="${nonce}" src="${escapeHtml(opts.scriptUri)}"></script></body></html>`
  );
}

/** Fallback colours for the standalone page, where no --vscode-* variables exist. */
const STANDALONE_THEME = `:root{color-scheme:light dark;--vscode-font-family:system-ui,-apple-system,"Segoe UI","Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;--vscode-font-size:14px;--vscode-foreground:#1f2328;--vscode-descriptionForeground:#59636e;--vscode-editor-background:#ffffff;--vscode-panel-border:#d1d9e0;--vscode-progressBar-background:#0969da;--vscode-input-background:#eff2f5;--vscode-errorForeground:#cf222e;--vscode-editorWarning-foreground:#9a6700;--vscode-testing-iconPassed:#1a7f37;--vscode-charts-yellow:#bf8700;--vscode-textLink-foreground:#0969da;--vscode-list-hoverBackground:#f6f8fa;--vscode-focusBorder:#0969da}
@media (prefers-color-scheme: dark){:root{--vscode-foreground:#e6edf3;--vscode-descriptionForeground:#9198a1;--vscode-editor-background:#0d1117;--vscode-panel-border:#3d444d;--vscode-progressBar-background:#4493f8;--vscode-input-background:#151b23;--vscode-errorForeground:#f85149;--vscode-editorWarning-foreground:#d29922;--vscode-testing-iconPassed:#3fb950;--vscode-charts-yellow:#e3b341;--vscode-textLink-foreground:#4493f8;--vscode-list-hoverBackground:#151b23}}
body.standalone{max-width:56rem;margin:2rem auto;padding:0 1rem}`;

export interface StandaloneOptions {
  /** The panel stylesheet (media/panel.css), inlined so the page is one file. */
  css: string;
  /** Shown in the footer (e.g. an ISO timestamp); omitted when undefined. */
  generatedAt?: string;
}

/** A single-file HTML summary of a payload: no script, no remote content, CSP by style hash. */
export function renderStandaloneHtml(payload: DocumentScorePayload | undefined, opts: StandaloneOptions): string {
  const vm = buildViewModel(payload);
  // `</style` inside the stylesheet would end the element early; the CSS is ours, but be strict.
  const style = `${STANDALONE_THEME}\n${opts.css.replace(/<\/style/gi, '<\\/style')}`;
  const hash = createHash('sha256').update(style, 'utf8').digest('base64');
  const csp = `default-src 'none'; style-src 'sha256-${hash}'; img-src data:`;
  const title = vm.documentName ? `${vm.documentName} — ${t('GB/T 27922 score')}` : t('GB/T 27922 score');
  const footer =
    `<footer class="export-footer"><p>${escapeHtml(t('Exported from the GB/T 27922 editor tools.'))}` +
    (opts.generatedAt ? ` <time>${escapeHtml(opts.generatedAt)}</time>` : '') +
    `</p></footer>`;
  return (
    `<!DOCTYPE html><html lang="${htmlLang(vm.locale)}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><style>${style}</style></head>` +
    `<body class="standalone">${renderPanelBody(vm, { interactive: false })}${footer}</body></html>`
  );
}

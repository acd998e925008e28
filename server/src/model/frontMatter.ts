/**
 * YAML front matter → the fields we read (with Chinese aliases for keys and values), each
 * with the offsets of its value so problems point at the right place. Never throws.
 */
import { isMap, isPair, isScalar, isSeq, parseDocument, type Node as YamlNode, type Pair } from 'yaml';
import { normalizeClauseId } from '../scheme/clauseId';
import type { RawFrontMatter, RawRef } from './chunkModel';
import { cleanReason, refsOfList } from './inlineSyntax';

/** The front-matter keys we read, by field (matched after trim and lower-casing). */
export const FRONT_MATTER_KEYS: Readonly<Record<string, readonly string[]>> = {
  type: ['type', 'kind', 'doc-type', '类型', '文件类型', '文档类型'],
  scheme: ['scheme', '方案', '评价方案', '认证方案'],
  organisation: ['organisation', 'organization', 'org', 'company', '企业名称', '组织', '受审核组织', '公司', '企业', '组织名称'],
  enterpriseType: ['enterprise-type', 'enterprise_type', 'enterprisetype', '企业类型'],
  notApplicable: ['not-applicable', 'not_applicable', 'notapplicable', 'n/a', '不适用', '不适用条款', '不适用指标'],
  metrics: ['metrics', '指标', '关键指标', '测评指标'],
  clauses: ['clauses', 'clause', '条款'],
  root: ['root', '主文件', '根文件'],
  auditType: ['audittype', 'audit-type', 'audit_type', '审核类型', '审核类别', '认证类型'],
  auditDate: ['auditdate', 'audit-date', 'audit_date', '审核日期', '审核时间'],
  previous: ['previous', 'previous-report', 'previousreport', 'previous_report', '上次审核', '上次审核报告', '上次报告', '前次审核报告'],
};
const KEY_OF = new Map<string, string>();
for (const [field, names] of Object.entries(FRONT_MATTER_KEYS)) for (const n of names) KEY_OF.set(n, field);

/** The values of `type:` (case-insensitive), by document kind. */
export const DOCUMENT_TYPE_VALUES = {
  manual: ['manual', 'service-manual', '手册', '服务手册', '售后服务手册'],
  audit: ['audit', 'report', 'audit-report', '审核报告', '审核', '报告', '评价报告', '审核记录'],
} as const;
const MANUAL_VALUES = new RegExp(`^(${DOCUMENT_TYPE_VALUES.manual.join('|')})$`, 'i');
const AUDIT_VALUES = new RegExp(`^(${DOCUMENT_TYPE_VALUES.audit.join('|')})$`, 'i');

const AUDIT_TYPES: [RegExp, 'initial' | 'surveillance' | 'recertification'][] = [
  [/^(initial|initial-audit|initial-certification|初次认证|初审|初次审核|初次认证审核|认证审核)$/i, 'initial'],
  [/^(surveillance|surveillance-audit|监督审核|监督|年度监督审核|监督审核审核)$/i, 'surveillance'],
  [/^(recertification|re-certification|recertification-audit|再认证|再认证审核|复评|换证审核)$/i, 'recertification'],
];

/** `auditType:` normalised (`初审` → initial, `监督` → surveillance, `再认证` → recertification). */
export function auditTypeOf(value: unknown): 'initial' | 'surveillance' | 'recertification' | undefined {
  const v = String(value ?? '').trim();
  for (const [re, t] of AUDIT_TYPES) if (re.test(v)) return t;
  return undefined;
}

export function documentTypeOf(value: unknown): 'manual' | 'audit' | undefined {
  const v = String(value ?? '').trim();
  if (MANUAL_VALUES.test(v)) return 'manual';
  if (AUDIT_VALUES.test(v)) return 'audit';
  return undefined;
}

/** A metric value: a number or a string like `93%`, `93`, `９３％`. */
export function metricNumber(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') return undefined;
  const s = value.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/[．]/g, '.');
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*[%％]?\s*$/.exec(s);
  return m ? Number(m[1]) : undefined;
}

/** The text of the front matter being read (for trimming spans); set by readFrontMatter. */
let yamlSource = '';

function nodeSpan(node: YamlNode | null | undefined, base: number): { start: number; end: number } | undefined {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  if (!r) return undefined;
  // A block collection's value end includes its last line end: stop where its text stops.
  let end = r[1];
  while (end > r[0] && /\s/.test(yamlSource[end - 1] ?? '')) end--;
  return { start: base + r[0], end: base + end };
}

function sourceOf(content: string, node: YamlNode | null | undefined): string {
  const r = (node as { range?: [number, number, number] } | null | undefined)?.range;
  if (!r) return '';
  let s = content.slice(r[0], r[1]).trim();
  if ((s.startsWith('"') && s.endsWith('"')) || (s.startsWith("'") && s.endsWith("'"))) s = s.slice(1, -1);
  return s;
}

function jsOf(node: unknown): unknown {
  try {
    return (node as { toJSON?: () => unknown })?.toJSON ? (node as { toJSON: () => unknown }).toJSON() : isScalar(node) ? node.value : node;
  } catch {
    return undefined;
  }
}

/**
 * @param text the chunk text
 * @param start offset of the front matter block (its opening `---`)
 * @param end offset just after its closing `---`
 */
export function readFrontMatter(text: string, start: number, end: number): RawFrontMatter {
  const fm: RawFrontMatter = { start, end, notApplicable: [], clauses: [], metrics: [], problems: [] };
  const block = text.slice(start, end);
  const firstBreak = block.search(/\r?\n|\r/);
  const contentStart = firstBreak < 0 ? end : start + firstBreak + (block[firstBreak] === '\r' && block[firstBreak + 1] === '\n' ? 2 : 1);
  let contentEnd = end;
  const lastBreak = Math.max(block.lastIndexOf('\n'), block.lastIndexOf('\r'));
  if (lastBreak >= 0 && start + lastBreak + 1 > contentStart) contentEnd = start + lastBreak + 1;
  const content = contentStart < contentEnd ? text.slice(contentStart, contentEnd) : '';
  yamlSource = content;
  let doc;
  try {
    doc = parseDocument(content, { uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    fm.error = { message: e instanceof Error ? e.message : String(e), start, end };
    return fm;
  }
  if (doc.errors.length > 0) {
    const err = doc.errors[0];
    const [s, e] = err.pos ?? [0, 0];
    fm.error = { message: err.message.split('\n')[0], start: contentStart + s, end: contentStart + Math.max(e, s) };
    typeFromBrokenYaml(fm, content, contentStart);
    return fm;
  }
  const root = doc.contents;
  if (root === null || root === undefined || (isScalar(root) && (root.value === null || root.value === ''))) {
    fm.data = Object.create(null) as Record<string, unknown>;
    return fm;
  }
  if (!isMap(root)) {
    fm.error = { message: 'front matter must be a mapping of keys to values', ...(nodeSpan(root, contentStart) ?? { start, end }) };
    return fm;
  }
  const data: Record<string, unknown> = Object.create(null);
  for (const pair of root.items as Pair<unknown, unknown>[]) {
    if (!isPair(pair)) continue;
    const keyNode = pair.key as YamlNode | null;
    const key = isScalar(keyNode) ? String(keyNode.value) : sourceOf(content, keyNode);
    const valueNode = pair.value as YamlNode | null;
    const value = jsOf(valueNode);
    if (key !== '__proto__') data[key] = value;
    const span = nodeSpan(valueNode, contentStart) ?? nodeSpan(keyNode, contentStart) ?? { start, end };
    const keySpan = nodeSpan(keyNode, contentStart) ?? span;
    const field = KEY_OF.get(key.trim().toLowerCase());
    switch (field) {
      case 'type':
        fm.type = { key, value, ...span };
        break;
      case 'scheme':
      case 'organisation':
      case 'enterpriseType':
        if (value === null || value === undefined || typeof value === 'object') fm.problems.push({ key, detail: 'expected text', ...span });
        else fm[field] = String(value).trim();
        break;
      case 'root':
        if (typeof value === 'boolean') fm.root = value;
        else if (/^(true|yes|是)$/i.test(String(value))) fm.root = true;
        else if (/^(false|no|否)$/i.test(String(value))) fm.root = false;
        else fm.problems.push({ key, detail: 'expected true or false', ...span });
        break;
      case 'auditType':
      case 'auditDate':
      case 'previous':
        if (value === null || value === undefined || typeof value === 'object') fm.problems.push({ key, detail: field === 'previous' ? 'expected the relative path of the previous report' : 'expected text', ...span });
        else fm[field] = { key, value: String(value).trim(), ...span };
        break;
      case 'clauses':
        readClauses(fm, key, valueNode, content, contentStart, span);
        break;
      case 'notApplicable':
        readNotApplicable(fm, key, valueNode, content, contentStart, span);
        break;
      case 'metrics':
        if (isMap(valueNode)) {
          for (const p of valueNode.items as Pair<unknown, unknown>[]) {
            const k = isScalar(p.key) ? String(p.key.value) : sourceOf(content, p.key as YamlNode);
            const vSpan = nodeSpan(p.value as YamlNode, contentStart) ?? nodeSpan(p.key as YamlNode, contentStart) ?? span;
            fm.metrics.push({ key: k, value: jsOf(p.value), inMetrics: true, ...vSpan });
          }
        } else fm.problems.push({ key, detail: 'expected a mapping of metric names to values', ...span });
        break;
      default:
        if (valueNode === null || isScalar(valueNode)) fm.metrics.push({ key, value, inMetrics: false, ...span, start: keySpan.start });
    }
  }
  fm.data = data;
  return fm;
}

function readClauses(fm: RawFrontMatter, key: string, node: YamlNode | null, content: string, base: number, span: { start: number; end: number }): void {
  const elements = isSeq(node) ? (node.items as YamlNode[]) : [node];
  for (const el of elements) {
    const text = sourceOf(content, el);
    const s = nodeSpan(el, base) ?? span;
    const offset = content.slice(s.start - base, s.end - base).indexOf(text);
    const refs: RawRef[] | undefined = text ? refsOfList(text, s.start + Math.max(0, offset)) : undefined;
    if (!refs || refs.length === 0) fm.problems.push({ key, detail: `"${text}" is not a clause ID or list of clause IDs`, ...s });
    else fm.clauses.push(...refs);
  }
}

function readNotApplicable(fm: RawFrontMatter, key: string, node: YamlNode | null, content: string, base: number, span: { start: number; end: number }): void {
  const add = (idText: string, reason: string, s: { start: number; end: number }) => {
    const m = /^\s*([0-9\uFF10-\uFF19]+(?:[.\uFF0E\u3002][0-9\uFF10-\uFF19]+)+)\s*[:：,，\s]?\s*(.*)$/s.exec(idText);
    if (!m) {
      fm.problems.push({ key, detail: `"${idText}" does not start with a clause ID`, ...s });
      return;
    }
    fm.notApplicable.push({ raw: m[1], id: normalizeClauseId(m[1]), reason: cleanReason(reason || m[2]), ...s });
  };
  if (isMap(node)) {
    for (const p of node.items as Pair<unknown, unknown>[]) {
      const s = nodeSpan(p.key as YamlNode, base) ?? span;
      const v = jsOf(p.value);
      add(sourceOf(content, p.key as YamlNode), v === null || v === undefined ? '' : String(v), s);
    }
  } else if (isSeq(node)) {
    for (const el of node.items as YamlNode[]) {
      const s = nodeSpan(el, base) ?? span;
      if (isMap(el)) {
        const obj = (jsOf(el) ?? {}) as Record<string, unknown>;
        const id = obj.id ?? obj.clause ?? obj['条款'] ?? obj.item;
        const reason = obj.reason ?? obj['理由'] ?? obj['原因'] ?? '';
        add(String(id ?? ''), String(reason ?? ''), s);
      } else add(sourceOf(content, el), '', s);
    }
  } else if (isScalar(node)) {
    add(sourceOf(content, node), '', nodeSpan(node, base) ?? span);
  } else fm.problems.push({ key, detail: 'expected a mapping of clause IDs to reasons', ...span });
}

/**
 * Broken YAML still says what the file is when a plain `type: audit` line is there: keep that,
 * so the file stays ours and its front-matter-invalid error is shown instead of dropped.
 */
function typeFromBrokenYaml(fm: RawFrontMatter, content: string, base: number): void {
  // Line by line, one scan each (a regex here was quadratic on a long line of spaces: 61 s for 400 KB).
  let lineStart = 0;
  while (lineStart < content.length) {
    let lineEnd = content.indexOf('\n', lineStart);
    if (lineEnd < 0) lineEnd = content.length;
    const line = content.slice(lineStart, lineEnd);
    const found = typeLine(line);
    if (found) {
      const at = base + lineStart + found.at;
      fm.type = { key: found.key, value: found.value, start: at, end: at + found.value.length };
      return;
    }
    lineStart = lineEnd + 1;
  }
}

/** `type: audit` (or an alias) on one line: the key, the value and where the value starts. */
function typeLine(line: string): { key: string; value: string; at: number } | undefined {
  const first = line.charAt(0);
  if (first === '' || /\s/.test(first) || first === ':' || first === '：' || first === '#') return undefined;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === ':' || line[i] === '：') {
      colon = i;
      break;
    }
  }
  if (colon < 0) return undefined;
  const key = line.slice(0, colon).trim();
  if (KEY_OF.get(key.toLowerCase()) !== 'type') return undefined;
  let start = colon + 1;
  while (start < line.length && (line[start] === ' ' || line[start] === '\t')) start++;
  let end = line.length;
  while (end > start && (line[end - 1] === ' ' || line[end - 1] === '\t' || line[end - 1] === '\r')) end--;
  let value = line.slice(start, end);
  let at = start;
  if (value.length >= 1 && (value[0] === '"' || value[0] === "'")) {
    value = value.slice(1);
    at++;
  }
  if (value.endsWith('"') || value.endsWith("'")) value = value.slice(0, -1);
  if (!value || /['"\s#]/.test(value) || !documentTypeOf(value)) return undefined;
  return { key, value, at };
}

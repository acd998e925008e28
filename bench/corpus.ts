/**
 * Deterministic generator of realistic benchmark corpora: service manuals (售后服务手册, split
 * into chapter files or in one file) and audit reports (审核报告) in Markdown, with Chinese prose
 * drawn from the scheme's own requirement texts, clause tags in every form the document language
 * allows (`[5.1.2.2]`, `【５．１．２．２】`, lists, ranges, `<!-- clause: … -->`, front-matter
 * `clauses:`), tables, lists, links, code (whose bracketed IDs are not tags), block quotes and a
 * few mistakes of the kind people make (a mistyped ID, an empty tagged section, an unscored item).
 *
 * Same seed → byte-identical files. Corpora are written under os.tmpdir()/gbt27922-bench/<name>;
 * a manifest hash lets a second run reuse files that are already there.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import scheme from '../server/src/scheme/builtin/gbt27922-2011.json';

/** Bump when the generator changes, so cached corpora on disk are rewritten. */
export const GENERATOR_VERSION = 3;

// ---------------------------------------------------------------------------------------------
// Seeded PRNG (sfc32, seeded through splitmix32): fast, 32-bit, good enough for text.

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number) {
    let s = seed >>> 0;
    const next = () => {
      s = (s + 0x9e3779b9) >>> 0;
      let z = s;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      return (z ^ (z >>> 16)) >>> 0;
    };
    this.a = next();
    this.b = next();
    this.c = next();
    this.d = next();
    for (let i = 0; i < 12; i++) this.next();
  }

  /** Uniform in [0, 1). */
  next(): number {
    const t = (((this.a + this.b) >>> 0) + this.d) >>> 0;
    this.d = (this.d + 1) >>> 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) >>> 0;
    this.c = ((this.c << 21) | (this.c >>> 11)) >>> 0;
    this.c = (this.c + t) >>> 0;
    return t / 4294967296;
  }

  /** Integer in [min, max] inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }

  /** A child generator, so that one part's length does not shift the next part's text. */
  fork(salt: number): Rng {
    return new Rng((Math.floor(this.next() * 4294967296) ^ Math.imul(salt + 1, 0x27d4eb2d)) >>> 0);
  }
}

// ---------------------------------------------------------------------------------------------
// Vocabulary from the scheme itself.

interface Item {
  id: string;
  points: number;
  requirement: string;
  group: string;
  title: string;
}

const GROUP_TITLES = new Map<string, string>(scheme.groups.map((g) => [g.id, g.title.zh]));
const ITEMS: Item[] = scheme.items.map((i) => {
  const group = i.id.split('.').slice(0, 3).join('.');
  return { id: i.id, points: i.points, requirement: i.requirement, group, title: shortTitle(i.requirement) };
});
const GROUPS = [...new Set(ITEMS.map((i) => i.group))];
const SECTIONS = ['5.1', '5.2', '5.3'];

function shortTitle(requirement: string): string {
  const first = requirement.split(/[，,；;。：:（(]/)[0].replace(/^(根据需要|根据行业特性|针对|对于|应|按)/, '').trim();
  return first.length > 16 ? first.slice(0, 16) : first;
}

/** Phrases cut from the requirement texts and band descriptions at punctuation. */
const PHRASES: string[] = (() => {
  const texts = [...scheme.items.map((i) => i.requirement), ...(scheme.bands ?? []).flatMap((b) => b.descriptions)];
  const out = new Set<string>();
  for (const t of texts) {
    for (const p of t.split(/[，,；;。：:、（）()\s]+|[a-z]\)/)) {
      const s = p.trim();
      if (s.length >= 4 && s.length <= 40 && /[\u4e00-\u9fff]/.test(s)) out.add(s);
    }
  }
  return [...out];
})();

const SHORT_PHRASES = PHRASES.filter((p) => p.length <= 12);

const OPENERS = ['本公司', '公司', '售后服务部', '客户服务中心', '质量管理部', '各服务网点', '服务监督办公室', '技术支持组', '我司', '企业'];
const CONNECTORS = ['，并', '，同时', '，确保', '；此外', '，由', '，按照规定', '，以便', '，进一步', '，其中', '，做到'];
const VERBS = ['制定', '建立', '落实', '实施', '定期检查', '持续改进', '明确', '完善', '记录', '跟踪', '评审', '组织培训', '发布', '归档'];
const DOCS = ['售后服务管理制度', '服务网点管理办法', '顾客投诉处理程序', '维修服务规范', '备品备件管理规定', '服务质量考核细则', '顾客满意度调查规程', '服务承诺书', '培训计划', '应急预案', '商品召回管理办法', '回访记录表'];
const PEOPLE = ['张伟', '王芳', '李娜', '刘洋', '陈静', '杨磊', '赵敏', '黄强', '周婷', '吴斌', '徐丽', '孙杰'];
const ORGS = ['华南电器', '东方家居', '长江机电', '金桥通信', '瑞丰汽配', '恒信医疗器械', '佳宁厨卫', '远航物流装备', '新禾农机', '博远办公设备', '安达电梯', '海晟净水'];
const CITIES = ['广州', '深圳', '佛山', '东莞', '珠海', '中山', '惠州', '江门', '汕头', '湛江'];
const ENTERPRISE_TYPES = ['生产型', '贸易型', '服务型'];

// ---------------------------------------------------------------------------------------------
// Text building blocks.

class Gen {
  /** Compact: shorter sentences and list items (the line-dense 5,000-line report). */
  constructor(
    readonly rng: Rng,
    readonly compact = false,
  ) {}

  phrase(): string {
    return this.rng.pick(this.compact ? SHORT_PHRASES : PHRASES);
  }

  sentence(): string {
    const r = this.rng;
    let s = r.chance(0.6) ? r.pick(OPENERS) + r.pick(VERBS) : '';
    s += this.phrase();
    const n = this.compact ? r.int(0, 1) : r.int(0, 2);
    for (let i = 0; i < n; i++) s += r.pick(CONNECTORS) + this.phrase();
    if (r.chance(0.25)) s += `，详见《${r.pick(DOCS)}》`;
    if (r.chance(0.15)) s += `（${r.int(2018, 2024)} 年共 ${r.int(3, 980)} 次）`;
    return s + '。';
  }

  paragraph(min = 1, max = 4): string {
    const n = this.rng.int(min, max);
    let out = '';
    for (let i = 0; i < n; i++) out += this.sentence();
    return this.decorate(out);
  }

  /** Sprinkle inline Markdown: emphasis, code spans (with a bracketed ID that is not a tag), links. */
  decorate(text: string): string {
    const r = this.rng;
    if (r.chance(0.2)) text = text.replace(/《([^》]+)》/, '**《$1》**');
    if (r.chance(0.06)) text += ` 编号写作 \`[${r.pick(ITEMS).id}]\` 的记录另行归档。`;
    if (r.chance(0.12)) text += ` 参见[${r.pick(DOCS)}](https://www.example.com/docs/${r.int(100, 999)}.html)。`;
    return text;
  }

  record(): string {
    const r = this.rng;
    return `${r.pick(['HR', 'QA', 'SV', 'TS', 'CS', 'FW', 'WX'])}-${String(r.int(1, 99)).padStart(2, '0')}`;
  }

  date(): string {
    const r = this.rng;
    return `${r.int(2021, 2024)}-${String(r.int(1, 12)).padStart(2, '0')}-${String(r.int(1, 28)).padStart(2, '0')}`;
  }

  list(n: number, ordered = false): string[] {
    const out: string[] = [];
    for (let i = 0; i < n; i++) {
      const body = this.rng.chance(this.compact ? 0.85 : 0.5) ? this.phrase() + '。' : this.sentence();
      out.push(`${ordered ? `${i + 1}.` : this.rng.pick(['-', '-', '*'])} ${body}`);
      if (this.rng.chance(0.12)) out.push(`   - ${this.phrase()}（负责人：${this.rng.pick(PEOPLE)}）`);
    }
    return out;
  }

  table(rows: number): string[] {
    const r = this.rng;
    const out = ['| 序号 | 记录编号 | 日期 | 内容 | 负责人 |', '| --- | --- | --- | --- | --- |'];
    for (let i = 0; i < rows; i++) out.push(`| ${i + 1} | ${this.record()} | ${this.date()} | ${this.phrase()} | ${r.pick(PEOPLE)} |`);
    return out;
  }

  quote(): string[] {
    return [`> 访谈记录（${this.rng.pick(PEOPLE)}，${this.date()}）：${this.sentence()}`];
  }

  code(): string[] {
    const id = this.rng.pick(ITEMS).id;
    return ['```text', `示例：[${id}] 80% 证据：${this.record()}（代码块中的条款号不是标记）`, '```'];
  }
}

/** Write an ID in full-width digits and dot, as some editors type it. */
function fullWidth(id: string): string {
  return id.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).replace(/\./g, '．');
}

/** A mistyped ID that is not in the scheme (for did-you-mean), e.g. 5.1.2.9. */
function typo(r: Rng, id: string): string {
  const parts = id.split('.');
  parts[3] = String(Number(parts[3]) + r.int(4, 8));
  return parts.join('.');
}

function tagFor(r: Rng, ids: string[]): string {
  if (ids.length === 1) {
    const id = ids[0];
    const x = r.next();
    if (x < 0.62) return `[${id}]`;
    if (x < 0.85) return `【${id}】`;
    return `【${fullWidth(id)}】`;
  }
  // Consecutive items of one group may be a range.
  if (ids.length >= 3 && r.chance(0.5)) return `[${ids[0]}-${ids[ids.length - 1]}]`;
  return r.chance(0.5) ? `[${ids.join(', ')}]` : `【${ids.join('、')}】`;
}

// ---------------------------------------------------------------------------------------------
// Documents.

export interface GeneratedFile {
  /** Relative path with forward slashes. */
  path: string;
  text: string;
}

interface ManualOptions {
  org: string;
  /** Target size in bytes (UTF-8) of the file; the generator stops adding prose near it. */
  bytes: number;
  /** Groups this file covers (a chapter) — or all, for a single-file manual. */
  groups: string[];
  root: boolean;
  /** Chapter number in the manual. */
  chapter: number;
  /** Relative links to sibling files (evidence/records). */
  linkTargets: string[];
}

function bytesOf(lines: string[]): number {
  let n = 0;
  for (const l of lines) n += Buffer.byteLength(l, 'utf8') + 1;
  return n;
}

export function generateManual(rng: Rng, o: ManualOptions): string {
  const g = new Gen(rng);
  const r = rng;
  const lines: string[] = [];
  const fmStyle = r.int(0, 2);
  lines.push('---');
  if (fmStyle === 0) lines.push('type: manual', `organisation: ${o.org}`);
  else if (fmStyle === 1) lines.push('类型: 手册', `企业名称: ${o.org}`);
  else lines.push('type: manual', `组织: ${o.org}`, `enterprise-type: ${r.pick(ENTERPRISE_TYPES)}`);
  if (o.root) lines.push('root: true');
  lines.push(`version: "${r.int(1, 4)}.${r.int(0, 9)}"`, `date: ${g.date()}`);
  // Front-matter clauses: a chapter may declare a whole small group it covers.
  const small = o.groups.map((gid) => ITEMS.filter((i) => i.group === gid)).find((its) => its.length <= 2);
  const fmCovered = new Set<string>();
  if (small && !o.root && r.chance(0.3)) {
    lines.push('clauses:');
    for (const it of small) {
      lines.push(`  - "${it.id}"`);
      fmCovered.add(it.id);
    }
  }
  lines.push('---', '');

  const chapterTitle = o.groups.length === 1 ? GROUP_TITLES.get(o.groups[0]) : '售后服务手册';
  lines.push(`# ${o.chapter > 0 ? `第${o.chapter}章 ` : ''}${o.org}${chapterTitle}`, '');
  lines.push(g.paragraph(2, 4), '');
  if (o.root) {
    lines.push('## 目录', '');
    for (const s of SECTIONS) lines.push(`- [${s} ${GROUP_TITLES.get(s)}](#${s.replace('.', '')})`);
    lines.push('', '## 术语和定义', '');
    lines.push(...g.list(r.int(3, 6)), '');
  }

  // Budget per item so the file lands near its target size.
  const items = o.groups.flatMap((gid) => ITEMS.filter((i) => i.group === gid));
  const headerBytes = bytesOf(lines);
  // (Less the typical overshoot of the last block.)
  const perItem = Math.max(100, (o.bytes - headerBytes) / Math.max(1, items.length) - 150);
  let mistakes = 0;

  for (const gid of o.groups) {
    const groupItems = ITEMS.filter((i) => i.group === gid);
    const groupTag = r.chance(0.3) ? ` [${gid}]` : '';
    lines.push(`## ${gid} ${GROUP_TITLES.get(gid)}${groupTag}`, '');
    lines.push(g.paragraph(1, 2), '');
    let k = 0;
    while (k < groupItems.length) {
      // Sometimes one heading covers several consecutive items (a list or a range tag).
      const span = groupItems.length - k >= 2 && r.chance(0.15) ? r.int(2, Math.min(4, groupItems.length - k)) : 1;
      const its = groupItems.slice(k, k + span);
      k += span;
      if (its.every((i) => fmCovered.has(i.id))) {
        lines.push(`### ${its[0].title}`, '', g.paragraph(), '');
        continue;
      }
      const skip = r.chance(0.04); // an uncovered item: no tag at all
      const style = r.next();
      let id = its.map((i) => i.id);
      if (!skip && mistakes === 0 && r.chance(0.03)) {
        id = [typo(r, id[0])];
        mistakes++;
      }
      const title = its.map((i) => i.title).join('与');
      if (skip) lines.push(`### ${title}`, '');
      else if (style < 0.7) lines.push(`### ${tagFor(r, id)} ${title}`, '');
      else if (style < 0.85) lines.push(`### ${title} ${tagFor(r, id)}`, '');
      else if (style < 0.93) lines.push(`### ${title}`, '', `<!-- clause: ${id.join(', ')} -->`, '');
      else {
        // Tag in body text: covers that block only.
        lines.push(`### ${title}`, '', `${g.paragraph(1, 2)} ${tagFor(r, id)}`, '');
      }
      if (!skip && r.chance(0.02)) continue; // claimed but not addressed: empty section
      const start = bytesOf(lines);
      while (bytesOf(lines) - start < perItem * span) {
        const x = r.next();
        if (x < 0.45) lines.push(g.paragraph(), '');
        else if (x < 0.65) lines.push(...g.list(r.int(2, 6), r.chance(0.4)), '');
        else if (x < 0.75) lines.push(...g.table(r.int(2, 6)), '');
        else if (x < 0.82) {
          lines.push(`#### ${g.phrase()}`, '', g.paragraph(1, 2), '');
        } else if (x < 0.88 && o.linkTargets.length) {
          lines.push(`相关记录见[${r.pick(DOCS)}](${r.pick(o.linkTargets)})。`, '');
        } else if (x < 0.92) lines.push(...g.quote(), '');
        else if (x < 0.94) lines.push(...g.code(), '');
        else lines.push(g.paragraph(1, 1), '');
      }
    }
  }
  lines.push('## 附则', '', g.paragraph(1, 2), '');
  return lines.join('\n');
}

interface AuditOptions {
  org: string;
  bytes?: number;
  /** Exact line count (the 5,000-line report); overrides bytes. */
  lines?: number;
  linkTargets: string[];
}

export function generateAudit(rng: Rng, o: AuditOptions): string {
  const g = new Gen(rng, o.lines !== undefined);
  const r = rng;
  const head: string[] = [];
  const english = r.chance(0.2);
  head.push('---');
  if (english) head.push('type: audit', `organisation: ${o.org}`);
  else head.push('类型: 审核报告', `企业名称: ${o.org}`);
  head.push(`enterprise-type: ${r.pick(ENTERPRISE_TYPES)}`, `date: ${g.date()}`, `auditor: ${r.pick(PEOPLE)}`);
  if (r.chance(0.4)) head.push('metrics:', `  顾客满意度: ${r.int(82, 99)}`, `  一次修复率: ${r.int(85, 99)}`);
  const naItem = r.chance(0.3) ? r.pick(ITEMS.filter((i) => i.id.startsWith('5.2.5'))) : undefined;
  if (naItem) head.push('not-applicable:', `  "${naItem.id}": 非贸易型企业`);
  head.push('---', '');
  head.push(`# ${o.org}售后服务认证审核报告`, '');
  head.push('## 审核概况', '');
  head.push(`- 审核日期：${g.date()} 至 ${g.date()}`, `- 审核组长：${r.pick(PEOPLE)}`, `- 审核地点：${r.pick(CITIES)}总部及 ${r.int(2, 9)} 个服务网点`, '');
  head.push(g.paragraph(2, 3), '');

  // Per-item body: the entry (list, paragraph or table row), then findings.
  const body: string[][] = [];
  let tableOpen = false;
  let dupDone = false;
  const useTables = r.chance(0.35);
  for (const sec of SECTIONS) {
    const secItems = ITEMS.filter((i) => i.id.startsWith(sec + '.'));
    const block: string[] = [`## ${sec} ${GROUP_TITLES.get(sec)}`, ''];
    if (useTables && !o.lines) {
      // One table for the whole section: 条款 | 得分 | 证据 | 备注.
      block.push('| 条款 | 得分 | 证据 | 备注 |', '| --- | --- | --- | --- |');
      tableOpen = true;
    }
    body.push(block);
    for (const it of secItems) {
      if (naItem && it.id === naItem.id) continue;
      const unscored = r.chance(0.03);
      if (unscored) continue;
      const score = scoreText(r, it);
      const evidence = r.chance(0.06) ? '' : evidenceText(g, o.linkTargets);
      const lines: string[] = [];
      const tag = r.chance(0.8) ? `[${it.id}]` : r.chance(0.7) ? `【${it.id}】` : `【${fullWidth(it.id)}】`;
      if (tableOpen) {
        lines.push(`| ${tag} | ${score} | ${evidence.replace(/^证据：/, '')} | ${r.chance(0.5) ? g.phrase() : ''} |`);
      } else {
        if (o.lines) lines.push(`### ${it.id} ${it.title}`, '');
        const form = r.next();
        const text = `${tag} ${score} ${g.phrase()}。${evidence}`;
        lines.push(form < 0.75 ? `- ${text}` : text, '');
        if (!dupDone && r.chance(0.01)) {
          lines.push(`- ${tag} ${scoreText(r, it)} 复核意见。${evidenceText(g, o.linkTargets)}`, '');
          dupDone = true;
        }
      }
      body.push(lines);
    }
    if (tableOpen) {
      body.push(['']);
      tableOpen = false;
    }
  }
  const tail: string[] = ['## 特别扣分与加分', ''];
  const nd = r.int(0, 3);
  for (let i = 0; i < nd; i++) tail.push(`- ${r.pick(['[扣分]', '[特别扣分]', '[deduction]'])} ${g.phrase()}，${g.date()} 发生顾客投诉未及时处理。`);
  const nb = r.int(0, 2);
  for (let i = 0; i < nb; i++) tail.push(`- ${r.pick(['[加分]', '[特别加分]', '[bonus]'])} ${g.phrase()}，获评${r.pick(CITIES)}市服务质量奖。`);
  tail.push('', '## 审核结论', '', g.paragraph(2, 4), '');

  // Findings fill each item up to the budget (bytes, or exact lines for the big report).
  const fixed = [...head, ...body.flat(), ...tail];
  const findings = (perItem: (cur: string[]) => boolean): string[] => {
    const out: string[] = [...head];
    let inTable = false;
    for (const b of body) {
      out.push(...b);
      if (b[0]?.startsWith('| ')) inTable = true;
      if (b.length === 1 && b[0] === '') inTable = false;
      if (inTable || !(b[0]?.startsWith('- [') || b[0]?.startsWith('- 【') || b[0]?.startsWith('[') || b[0]?.startsWith('【') || b[0]?.startsWith('### '))) continue;
      const cur: string[] = [];
      const title = ['审核发现', '抽样记录', '现场观察', '改进建议'];
      let t = 0;
      while (perItem(cur)) {
        const x = r.next();
        if (x < 0.2) cur.push(`#### ${title[t++ % title.length]}`, '');
        else if (x < 0.5) cur.push(...g.list(r.int(2, 5)), '');
        else if (x < 0.7) cur.push(...g.table(r.int(3, 8)), '');
        else if (x < 0.8) cur.push(...g.quote(), '');
        else cur.push(g.paragraph(1, g.compact ? 1 : 2), '');
      }
      out.push(...cur);
    }
    out.push(...tail);
    return out;
  };
  const entries = body.filter((b) => b[0]?.startsWith('- ') || b[0]?.startsWith('[') || b[0]?.startsWith('【') || b[0]?.startsWith('### ')).length || 1;
  let out: string[];
  if (o.lines) {
    const perItemLines = Math.max(0, (o.lines - fixed.length) / entries);
    let owed = 0;
    out = findings((cur) => {
      if (cur.length === 0) owed += perItemLines;
      return cur.length < owed - 4;
    });
    // Consume what each item got, then trim or pad to the exact count.
    if (out.length > o.lines) out = out.slice(0, o.lines);
    while (out.length < o.lines) out.push(out.length % 2 ? '' : g.paragraph(1, 1));
    return out.join('\n') + '\n';
  }
  const perItemBytes = Math.max(0, ((o.bytes ?? 8000) - bytesOf(fixed)) / entries);
  out = findings((cur) => bytesOf(cur) < perItemBytes);
  return out.join('\n');
}

function scoreText(r: Rng, it: Item): string {
  const x = r.next();
  const pct = r.pick([40, 55, 60, 70, 75, 80, 85, 90, 95, 100]);
  if (x < 0.7) return `${pct}%`;
  if (x < 0.8) return `${fmt((it.points * pct) / 100)}/${fmt(it.points)}`;
  if (x < 0.93) return `${fmt((it.points * pct) / 100)}分`;
  return r.chance(0.5) ? '不适用 本企业不涉及该类商品' : 'N/A not in scope for this site';
}

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}

function evidenceText(g: Gen, links: string[]): string {
  const r = g.rng;
  let s = `证据：${r.pick(DOCS)} ${g.record()}`;
  if (r.chance(0.3) && links.length) s += `，[${r.pick(DOCS)}](${r.pick(links)})`;
  if (r.chance(0.1)) s += `，[抽样照片](evidence/photo-${r.int(1, 40)}.jpg)`; // usually not there: a broken link
  return s + '。';
}

// ---------------------------------------------------------------------------------------------
// Corpora.

export interface CorpusSpec {
  name: string;
  /** Number of Markdown files. */
  files: number;
  /** Approximate total size in bytes. */
  bytes: number;
  seed: number;
}

/** A skewed size distribution around `mean` (most files small, a few large), clamped. */
function fileSize(r: Rng, mean: number): number {
  const u = Math.max(1e-6, r.next());
  const v = -Math.log(u); // exponential, mean 1
  return Math.round(Math.min(mean * 6, Math.max(mean * 0.15, mean * (0.35 + 0.65 * v))));
}

/**
 * A workspace of organisations, each a folder with a manual (one file, or a root plus chapter
 * files by group), audit reports, and a few other Markdown notes that are not ours.
 */
export function generateCorpus(spec: CorpusSpec): GeneratedFile[] {
  const rng = new Rng(spec.seed);
  const files: GeneratedFile[] = [];
  const mean = spec.bytes / spec.files;
  if (spec.files === 1) {
    files.push({ path: '售后服务手册.md', text: generateManual(rng.fork(1), { org: ORGS[0], bytes: spec.bytes, groups: GROUPS, root: true, chapter: 0, linkTargets: [] }) });
    return files;
  }
  let orgNo = 0;
  while (files.length < spec.files) {
    const r = rng.fork(orgNo);
    const org = `${r.pick(CITIES)}${r.pick(ORGS)}${orgNo > ORGS.length ? orgNo : ''}有限公司`;
    const dir = `org-${String(orgNo + 1).padStart(3, '0')}`;
    orgNo++;
    const left = spec.files - files.length;
    const split = left >= 4 && r.chance(0.85);
    const notes = [`${dir}/记录/培训记录.md`, `${dir}/记录/回访记录.md`];
    const manualFiles: GeneratedFile[] = [];
    if (split) {
      // Root + one chapter per second-level group (or a few groups per chapter).
      const perChapter = r.chance(0.5) ? 1 : 2;
      const chapters: string[][] = [];
      for (let i = 0; i < GROUPS.length; i += perChapter) chapters.push(GROUPS.slice(i, i + perChapter));
      manualFiles.push({
        path: `${dir}/手册/00-总则.md`,
        text: generateManual(r.fork(100), { org, bytes: fileSize(r, mean) * 0.5, groups: [], root: true, chapter: 0, linkTargets: notes.map((n) => '../' + n.slice(dir.length + 1)) }),
      });
      chapters.forEach((gs, i) => {
        const name = `${String(i + 1).padStart(2, '0')}-${gs.map((x) => GROUP_TITLES.get(x)).join('与')}.md`;
        manualFiles.push({
          path: `${dir}/手册/${name}`,
          text: generateManual(r.fork(200 + i), { org, bytes: fileSize(r, mean), groups: gs, root: false, chapter: i + 1, linkTargets: notes.map((n) => '../' + n.slice(dir.length + 1)) }),
        });
      });
    } else {
      manualFiles.push({ path: `${dir}/售后服务手册.md`, text: generateManual(r.fork(100), { org, bytes: fileSize(r, mean) * 3, groups: GROUPS, root: true, chapter: 0, linkTargets: notes.map((n) => n.slice(dir.length + 1)) }) });
    }
    const audits: GeneratedFile[] = [];
    const nAudits = r.int(1, 3);
    for (let i = 0; i < nAudits; i++) {
      const year = 2021 + i;
      audits.push({ path: `${dir}/审核/${year}-审核报告.md`, text: generateAudit(r.fork(300 + i), { org, bytes: fileSize(r, mean) * 1.5, linkTargets: [...notes.map((n) => '../' + n.slice(dir.length + 1)), '../手册/00-总则.md'] }) });
    }
    const other: GeneratedFile[] = notes.map((p, i) => ({ path: p, text: plainNote(r.fork(400 + i), fileSize(r, mean) * 0.4) }));
    for (const f of [...manualFiles, ...audits, ...other]) if (files.length < spec.files) files.push(f);
  }
  return files;
}

/** A Markdown note that is not ours (no tags, no front-matter type): gets no diagnostics. */
function plainNote(rng: Rng, bytes: number): string {
  const g = new Gen(rng);
  const lines = [`# ${g.phrase()}`, ''];
  while (bytesOf(lines) < bytes) {
    if (rng.chance(0.4)) lines.push(...g.table(rng.int(3, 10)), '');
    else lines.push(g.paragraph(), '');
  }
  return lines.join('\n');
}

/** The single large audit report used for editing latency: exactly `lines` lines. */
export function generateLargeReport(seed: number, lines = 5000): string {
  return generateAudit(new Rng(seed).fork(7), { org: '广州华南电器有限公司', lines, linkTargets: ['记录/培训记录.md'] });
}

// ---------------------------------------------------------------------------------------------
// On disk.

export const BENCH_ROOT = path.join(os.tmpdir(), 'gbt27922-bench');

export interface WrittenCorpus {
  name: string;
  dir: string;
  files: GeneratedFile[];
  bytes: number;
}

function hashFiles(files: GeneratedFile[]): string {
  const h = createHash('sha256');
  for (const f of files) h.update(f.path).update('\0').update(f.text).update('\0');
  return h.digest('hex');
}

/** Write files under BENCH_ROOT/name (reusing an identical corpus already there). */
export function writeCorpus(name: string, files: GeneratedFile[]): WrittenCorpus {
  const dir = path.join(BENCH_ROOT, name);
  const hash = `${GENERATOR_VERSION}:${hashFiles(files)}`;
  const manifest = path.join(dir, '.bench-manifest');
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text, 'utf8'), 0);
  if (!(existsSync(manifest) && readFileSync(manifest, 'utf8') === hash)) {
    rmSync(dir, { recursive: true, force: true });
    for (const f of files) {
      const p = path.join(dir, f.path);
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, f.text);
    }
    writeFileSync(manifest, hash);
  }
  return { name, dir, files, bytes };
}

// Standalone: `tsx bench/corpus.ts` writes the corpora and prints their sizes.
if (process.argv[1] && /corpus\.ts$/.test(process.argv[1])) {
  const specs: CorpusSpec[] = [
    { name: 'c1', files: 1, bytes: 15_000, seed: 27922 },
    { name: 'c10', files: 10, bytes: 100_000, seed: 27922 },
    { name: 'c100', files: 100, bytes: 1_000_000, seed: 27922 },
    { name: 'c2000', files: 2000, bytes: 20_000_000, seed: 27922 },
  ];
  for (const s of specs) {
    const t = Date.now();
    const files = generateCorpus(s);
    const w = writeCorpus(s.name, files);
    console.log(`${s.name}: ${files.length} files, ${(w.bytes / 1e6).toFixed(2)} MB in ${Date.now() - t} ms → ${w.dir}`);
  }
  const big = generateLargeReport(27922);
  const w = writeCorpus('report5000', [{ path: '审核报告-5000行.md', text: big }]);
  console.log(`report5000: ${big.split('\n').length - 1} lines, ${(w.bytes / 1e3).toFixed(1)} KB → ${w.dir}`);
}

/**
 * Where a missing item goes, and its text: stub sections for a manual (in clause order, under
 * the right group heading, at the level of its siblings) and stub entries for an audit report
 * (next to the entries of neighbouring items, in the same form: list item, paragraph or table
 * row). Used by the quick fixes and source actions in codeActions.ts. Pure: model + text in,
 * TextEdits (UTF-16 positions into the original text) out. Several stubs are planned against
 * one outline, so inserting all of them at once yields the same result as one after another.
 */
import type { Position, TextEdit } from 'vscode-languageserver';
import type { AuditEntry, DocumentModel } from '../model/types';
import type { Scheme } from '../scheme/types';
import type { Locale } from '../model/problems';
import { clauseDepth, compareClauseIds, normalizeClauseId, parentClauseId } from '../scheme/clauseId';
import { groupTitle, itemTitle, knownIds, pointsLabel, stripTags } from './util';

const EOF = Number.MAX_SAFE_INTEGER;

interface Lines {
  lines: string[];
  /** The text ends with a line break. */
  endsWithNewline: boolean;
}

function splitLines(text: string): Lines {
  return { lines: text.split(/\r\n|\r|\n/), endsWithNewline: /(?:\r\n|\r|\n)$/.test(text) };
}

function eofPosition(l: Lines): Position {
  const last = l.lines.length - 1;
  return { line: last, character: l.lines[last].length };
}

function eol(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

// ---------------------------------------------------------------------------------------------
// Manual sections

interface OutlineNode {
  level: number;
  /** Clause IDs the heading names (tags, or a plain group number at the start of its text). */
  ids: string[];
  /** Real heading: its line. Virtual (planned stub): the line it is inserted before (EOF at the end). */
  line: number;
  stub?: string;
}

function outlineOf(model: DocumentModel, scheme: Scheme): OutlineNode[] {
  const tagged = new Map<number, string[]>();
  for (const s of model.sections) tagged.set(s.heading.range.start.line, s.tags.flatMap(knownIds));
  const nodes: OutlineNode[] = model.headings.map((h) => {
    let ids = tagged.get(h.range.start.line) ?? [];
    if (ids.length === 0) {
      // `## 5.1.2 人员配置` (no brackets) still tells where the group is.
      const m = /^\s*([0-9\uFF10-\uFF19]+(?:[.\uFF0E][0-9\uFF10-\uFF19]+)+)(?:\s|$)/.exec(stripTags(h.text));
      const id = m ? normalizeClauseId(m[1]) : undefined;
      if (id && scheme.groupById.has(id)) ids = [id];
    }
    return { level: h.level, ids: [...ids], line: h.range.start.line };
  });
  // Items covered by a tag in body text (`…认证。【5.1.6.3】`) place the heading they stand under
  // (a stub for the next item goes after that section, not before it).
  for (const c of model.coverage) {
    if (c.via !== 'block' && c.via !== 'comment') continue;
    let at = -1;
    for (let i = 0; i < nodes.length && nodes[i].line <= c.range.start.line; i++) at = i;
    if (at >= 0 && !nodes[at].ids.includes(c.itemId)) nodes[at].ids.push(c.itemId);
  }
  return nodes;
}

function subtreeEnd(nodes: OutlineNode[], i: number): number {
  for (let j = i + 1; j < nodes.length; j++) if (nodes[j].level <= nodes[i].level) return j;
  return nodes.length;
}

function minId(ids: string[], depth?: number): string | undefined {
  const c = ids.filter((id) => depth === undefined || clauseDepth(id) === depth).sort(compareClauseIds);
  return c[0];
}

export interface StubOptions {
  /** Language of the inserted text. */
  language: Locale;
}

/** Text of a stub section for an item or group at heading `level`. */
export function sectionStubText(scheme: Scheme, id: string, level: number, language: Locale): string {
  const hashes = '#'.repeat(Math.max(1, Math.min(6, level)));
  const item = scheme.itemById.get(id);
  // A group heading names its number without brackets (`## 5.1.3 资源配置`): a group tag would
  // claim nothing and draw a hint; the plain number still places later stubs under it.
  if (!item) return `${hashes} ${id} ${groupTitle(scheme.groupById.get(id), language)}`.trimEnd() + '\n';
  const title = itemTitle(item, language);
  const req =
    language === 'zh'
      ? `> 要求（${pointsLabel(item.points, 'zh')}）：${item.requirement}`
      : `> Requirement (${pointsLabel(item.points, 'en')}): ${item.requirement}`;
  const todo = language === 'zh' ? 'TODO：说明本企业如何满足本条要求。' : 'TODO: describe how the organisation meets this requirement.';
  return `${hashes} [${id}] ${title}\n\n${req}\n\n${todo}\n`;
}

/**
 * Plan stub sections for `ids` (items, in any order) in a manual file: returns the edits, one per
 * insertion point. Each item goes after the section of the closest preceding item of the same
 * group (or before the next one), under its group's heading when the manual has group headings
 * (creating the group heading when it is missing), at its siblings' heading level.
 */
export function planSectionStubs(model: DocumentModel, text: string, scheme: Scheme, ids: string[], options: StubOptions): TextEdit[] {
  const nodes = outlineOf(model, scheme);
  const usedDepths = new Set(nodes.flatMap((n) => n.ids.map(clauseDepth)));
  const firstItemNode = nodes.find((n) => n.ids.some((id) => scheme.itemById.has(id)));
  const minLevel = nodes.length > 0 ? Math.min(...nodes.map((n) => n.level)) : 1;
  const defaultLevel = firstItemNode?.level ?? (nodes.length > 0 ? Math.min(6, minLevel + 1) : 2);

  const insertAt = (index: number, id: string, level: number) => {
    const line = index < nodes.length ? nodes[index].line : EOF;
    const node: OutlineNode = { level, ids: [id], line, stub: sectionStubText(scheme, id, level, options.language) };
    nodes.splice(index, 0, node);
  };

  const place = (x: string): void => {
    if (nodes.some((n) => n.ids.includes(x))) return;
    const depth = clauseDepth(x);
    const parent = parentClauseId(x);
    // The parent group's heading, created first when the manual uses headings at that depth.
    if (parent && scheme.groupById.has(parent) && usedDepths.has(clauseDepth(parent)) && !nodes.some((n) => n.ids.includes(parent))) {
      place(parent);
    }
    let container: number | undefined;
    for (let a = parent; a; a = parentClauseId(a)) {
      const idx = nodes.findIndex((n) => n.ids.includes(a!));
      if (idx >= 0) {
        container = idx;
        break;
      }
    }
    const from = container === undefined ? 0 : container + 1;
    const to = container === undefined ? nodes.length : subtreeEnd(nodes, container);
    let prev: number | undefined;
    let next: number | undefined;
    for (let i = from; i < to; i++) {
      const m = minId(nodes[i].ids, depth);
      if (!m) continue;
      if (compareClauseIds(m, x) < 0) {
        if (prev === undefined || compareClauseIds(m, minId(nodes[prev].ids, depth)!) >= 0) prev = i;
      } else if (next === undefined || compareClauseIds(m, minId(nodes[next].ids, depth)!) < 0) {
        next = i;
      }
    }
    const sameParent = (i: number | undefined) => i !== undefined && parentClauseId(minId(nodes[i].ids, depth)!) === parent;
    if (next !== undefined && (prev === undefined || (sameParent(next) && !sameParent(prev)))) {
      insertAt(next, x, nodes[next].level);
    } else if (prev !== undefined) {
      insertAt(subtreeEnd(nodes, prev), x, nodes[prev].level);
    } else if (container !== undefined) {
      insertAt(to, x, Math.min(6, nodes[container].level + 1));
    } else {
      insertAt(nodes.length, x, depth === 4 ? defaultLevel : Math.max(1, defaultLevel - (4 - depth)));
    }
  };

  for (const id of [...ids].sort(compareClauseIds)) place(id);
  return emitSectionEdits(nodes, text);
}

function emitSectionEdits(nodes: OutlineNode[], text: string): TextEdit[] {
  const l = splitLines(text);
  const nl = eol(text);
  const byLine = new Map<number, string[]>();
  for (const n of nodes) {
    if (n.stub === undefined) continue;
    if (!byLine.has(n.line)) byLine.set(n.line, []);
    byLine.get(n.line)!.push(n.stub);
  }
  const edits: TextEdit[] = [];
  for (const [line, stubs] of byLine) {
    const body = stubs.join('\n');
    if (line === EOF) {
      const lastBlank = l.lines.length === 0 || l.lines[l.lines.length - (l.endsWithNewline ? 2 : 1)]?.trim() === '';
      const empty = text.trim() === '';
      const prefix = empty ? '' : (l.endsWithNewline ? '' : '\n') + (lastBlank ? '' : '\n');
      edits.push({ range: { start: eofPosition(l), end: eofPosition(l) }, newText: (prefix + body).replace(/\n/g, nl) });
    } else {
      const prevBlank = line === 0 || (l.lines[line - 1] ?? '').trim() === '';
      const newText = (prevBlank ? '' : '\n') + body + '\n';
      edits.push({ range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: newText.replace(/\n/g, nl) });
    }
  }
  edits.sort((a, b) => a.range.start.line - b.range.start.line);
  return edits;
}

// ---------------------------------------------------------------------------------------------
// Audit entries

interface EntryNode {
  id?: string;
  real?: AuditEntry;
  /** Virtual: where its text goes and how. */
  at?: { key: string; position: Position; mode: 'after' | 'before' | 'eof' };
  form: AuditEntry['form'];
  line?: string;
}

/** The text of a stub entry for `id` shaped like `like` (its list marker, or its table row). */
export function entryStubText(id: string, like: AuditEntry | undefined, likeLine: string | undefined, language: Locale): string {
  const evidence = language === 'zh' ? '证据：' : 'Evidence: ';
  if (like?.form === 'table' && likeLine !== undefined) {
    const cells = likeLine.trim().replace(/^\|/, '').replace(/\|$/, '').split('|');
    const tagCell = cells.findIndex((c) => /[[【]/.test(c));
    const row = cells.map((_, i) => (i === tagCell || (tagCell < 0 && i === 0) ? ` [${id}] ` : '  '));
    const indent = /^\s*/.exec(likeLine)![0];
    return `${indent}|${row.join('|')}|`;
  }
  if (like?.form === 'paragraph') return `[${id}] %  ${evidence}`;
  const marker = likeLine !== undefined ? /^\s*(?:[-*+]|\d+[.)])\s+/.exec(likeLine)?.[0] : undefined;
  return `${marker ?? '- '}[${id}] %  ${evidence}`;
}

/**
 * Plan stub entries for `ids` in an audit report: each goes next to the entry of the closest
 * item before it in clause order (or before the next one when that is in the same group and the
 * one before is not), in the same form; with no entries at all, after a heading naming its
 * group, else at the end of the file.
 */
export function planEntryStubs(model: DocumentModel, text: string, scheme: Scheme, ids: string[], options: StubOptions): TextEdit[] {
  const l = splitLines(text);
  const nodes: EntryNode[] = model.entries.filter((e) => scheme.itemById.has(e.itemId)).map((e) => ({ id: e.itemId, real: e, form: e.form }));
  nodes.sort((a, b) => a.real!.range.start.line - b.real!.range.start.line || a.real!.range.start.character - b.real!.range.start.character);
  const endOf = (e: AuditEntry): Position => {
    let line = e.range.end.line;
    if (e.range.end.character === 0 && line > e.range.start.line) line--;
    while (line > e.range.start.line && (l.lines[line] ?? '').trim() === '') line--;
    return { line, character: (l.lines[line] ?? '').length };
  };

  for (const x of [...new Set(ids)].sort(compareClauseIds)) {
    if (nodes.some((n) => n.id === x)) continue;
    const group = scheme.itemById.get(x)?.group;
    let prev: number | undefined;
    let next: number | undefined;
    nodes.forEach((n, i) => {
      if (!n.id) return;
      if (compareClauseIds(n.id, x) < 0) {
        if (prev === undefined || compareClauseIds(n.id, nodes[prev].id!) >= 0) prev = i;
      } else if (next === undefined || compareClauseIds(n.id, nodes[next].id!) < 0) {
        next = i;
      }
    });
    const groupOf = (i: number | undefined) => (i === undefined ? undefined : scheme.itemById.get(nodes[i].id!)?.group);
    const useNext = next !== undefined && (prev === undefined || (groupOf(next) === group && groupOf(prev) !== group));
    if (useNext) {
      const n = nodes[next!];
      const at = n.at ?? { key: `b${n.real!.range.start.line}`, position: { line: n.real!.range.start.line, character: 0 }, mode: 'before' as const };
      const like = likeOf(nodes, next!);
      nodes.splice(next!, 0, { id: x, at, form: like.form, line: entryStubText(x, like.entry, like.line, options.language) });
    } else if (prev !== undefined) {
      const p = nodes[prev];
      const at = p.at ?? { key: `a${p.real!.range.end.line}`, position: endOf(p.real!), mode: 'after' as const };
      const like = likeOf(nodes, prev);
      nodes.splice(prev + 1, 0, { id: x, at, form: like.form, line: entryStubText(x, like.entry, like.line, options.language) });
    } else {
      const at = headingAnchor(model, l, scheme, group) ?? { key: 'eof', position: eofPosition(l), mode: 'eof' as const };
      nodes.push({ id: x, at, form: 'list', line: entryStubText(x, undefined, undefined, options.language) });
    }
  }

  function likeOf(list: EntryNode[], i: number): { entry?: AuditEntry; line?: string; form: AuditEntry['form'] } {
    const n = list[i];
    if (n.real) return { entry: n.real, line: l.lines[n.real.range.start.line], form: n.real.form };
    // A virtual node copies what it was copied from.
    const real = list.find((m) => m.real && m.form === n.form);
    return { entry: real?.real, line: real ? l.lines[real.real!.range.start.line] : undefined, form: n.form };
  }

  const nl = eol(text);
  const groups = new Map<string, EntryNode[]>();
  for (const n of nodes) {
    if (!n.at) continue;
    if (!groups.has(n.at.key)) groups.set(n.at.key, []);
    groups.get(n.at.key)!.push(n);
  }
  const edits: TextEdit[] = [];
  for (const list of groups.values()) {
    const at = list[0].at!;
    const sep = (n: EntryNode) => (n.form === 'paragraph' ? '\n\n' : '\n');
    let newText: string;
    if (at.mode === 'after') {
      newText = list.map((n) => sep(n) + n.line).join('');
    } else if (at.mode === 'before') {
      newText = list.map((n) => n.line + sep(n)).join('');
    } else {
      const pos = at.position;
      const lineText = l.lines[pos.line] ?? '';
      const atLineStart = pos.character === 0 && lineText.length === 0;
      const prevBlank = pos.line === 0 || (l.lines[pos.line - 1] ?? '').trim() === '';
      const lead = at.key === 'eof' ? (atLineStart ? (prevBlank || text.trim() === '' ? '' : '\n') : '\n\n') : '\n\n';
      newText = lead + list.map((n) => n.line).join('\n') + (at.key === 'eof' ? '\n' : '');
    }
    edits.push({ range: { start: at.position, end: at.position }, newText: newText.replace(/\n/g, nl) });
  }
  edits.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character);
  return edits;
}

/** After the content of a heading that names `group` (tag or plain number), if the report has one. */
function headingAnchor(model: DocumentModel, l: Lines, scheme: Scheme, group: string | undefined): EntryNode['at'] | undefined {
  if (!group) return undefined;
  const nodes = outlineOf(model, scheme);
  const i = nodes.findIndex((n) => n.ids.includes(group));
  if (i < 0) return undefined;
  const end = subtreeEnd(nodes, i);
  let line = end < nodes.length ? nodes[end].line - 1 : l.lines.length - 1;
  while (line > nodes[i].line && (l.lines[line] ?? '').trim() === '') line--;
  return { key: `h${line}`, position: { line, character: (l.lines[line] ?? '').length }, mode: 'eof' };
}

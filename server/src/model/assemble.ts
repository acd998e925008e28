/**
 * Chunk models + the scheme → the DocumentModel of the whole text. Everything that needs the
 * scheme happens here (which refs are items or groups, ranges, entry validation against points,
 * metrics); chunk models stay scheme-free so they can be cached and parsed on other threads.
 * Positions come from the whole text, so a chunk's cached model is valid wherever it now starts.
 */
import { Rational } from '../analysis/rational';
import { suggestClauseIds } from '../scheme/clauseId';
import type { Scheme } from '../scheme/types';
import type { ChunkModel, RawEntry, RawFollowUp, RawNonconformity, RawRef, RawSpan, RawTag } from './chunkModel';
import { parseDate } from './dates';
import { auditTypeOf, documentTypeOf, metricNumber } from './frontMatter';
import { LineIndex } from './lines';
import { isNaReason } from './inlineSyntax';
import { parseChunk } from './parseChunk';
import type { ProblemCode } from './problems';
import type {
  AuditEntry,
  ClauseRef,
  ClauseTag,
  CoverageClaim,
  DocumentKind,
  DocumentModel,
  EvidenceLink,
  FollowUp,
  FrontMatter,
  Heading,
  ManualSection,
  Nonconformity,
  Problem,
  Range,
  SpecialEntry,
  SuppressionDirective,
} from './types';

/** Points written at the start of a special entry's reason: `2分`, `0.5 分`, `-2分`, `2 points`. */
const SPECIAL_POINTS = /^[+\-−－]?\s*([0-9\uFF10-\uFF19]+(?:[.．][0-9\uFF10-\uFF19]+)?)\s*(?:分|points?\b|pts?\b)/i;

function normalizeDigits(s: string): string {
  return s.replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0)).replace(/．/g, '.');
}

export interface PlacedChunk {
  start: number;
  model: ChunkModel;
}

interface GlobalHeading extends Heading {
  ownContent: boolean;
  /** Section end offset (next heading of the same or higher level, trailing space trimmed). */
  sectionEnd: number;
  /** Whether the section has no content (itself and all sub-headings). */
  empty: boolean;
}

interface GlobalTag {
  raw: RawTag;
  tag: ClauseTag;
  heading?: number;
}

class Assembler {
  private readonly lines: LineIndex;
  private readonly problems: Problem[] = [];
  private readonly knownIds: string[];

  constructor(
    private readonly text: string,
    private readonly scheme: Scheme,
  ) {
    this.lines = new LineIndex(text);
    this.knownIds = [...scheme.groups.map((g) => g.id), ...scheme.items.map((i) => i.id)];
  }

  private range(s: RawSpan): Range {
    return this.lines.range(s.start, s.end);
  }

  private problem(code: ProblemCode, args: Record<string, string | number>, span: RawSpan, data?: Problem['data']): void {
    const p: Problem = { code, args, range: this.range(span) };
    if (data) p.data = data;
    this.problems.push(p);
  }

  /** Raw refs → clause refs (ranges expanded), reporting unknown IDs and bad ranges. */
  private refs(raw: RawRef[], shift: number, report: boolean): ClauseRef[] {
    const out: ClauseRef[] = [];
    for (const r of raw) {
      const span = { start: r.start + shift, end: r.end + shift };
      const range = this.range(span);
      if (r.to !== undefined) {
        const a = this.scheme.itemById.get(r.id);
        const b = this.scheme.itemById.get(r.to);
        if (!a || !b || a.group !== b.group || a.order > b.order) {
          if (report) this.problem('invalid-range', { range: r.raw }, span);
          continue;
        }
        for (const item of this.scheme.items) {
          if (item.group === a.group && item.order >= a.order && item.order <= b.order) out.push({ id: item.id, raw: r.raw, range, span, kind: 'item' });
        }
        continue;
      }
      const kind = this.scheme.itemById.has(r.id) ? 'item' : this.scheme.groupById.has(r.id) ? 'group' : 'unknown';
      if (kind === 'unknown' && report) {
        const suggestions = suggestClauseIds(r.id, this.knownIds);
        const args: Record<string, string> = { id: r.id, scheme: this.scheme.id };
        if (suggestions.length) args.suggestions = suggestions.join(', ');
        this.problem('unknown-clause', args, span, { suggestions });
      }
      out.push({ id: r.id, raw: r.raw, range, span, kind });
    }
    return out;
  }

  assemble(chunks: PlacedChunk[]): DocumentModel {
    const { text, scheme } = this;
    // --- merge chunks ---
    const headings: GlobalHeading[] = [];
    const tags: GlobalTag[] = [];
    const entries: { raw: RawEntry; shift: number; tag: GlobalTag }[] = [];
    const specials: SpecialEntry[] = [];
    const ncs: { raw: RawNonconformity; shift: number; tags: GlobalTag[] }[] = [];
    const followUps: { raw: RawFollowUp; shift: number }[] = [];
    const links: EvidenceLink[] = [];
    const suppressions: SuppressionDirective[] = [];
    let leadingContent = false;
    const fmRaw = chunks[0]?.model.frontMatter;
    for (const { start: shift, model } of chunks) {
      if (model.skipped) {
        const at = shift + model.skipped.offset;
        this.problem('too-deeply-nested', { columns: model.skipped.columns, limit: model.skipped.limit }, { start: at, end: at });
      }
      if (model.tooComplex) {
        const { reason, count, limit, offset } = model.tooComplex;
        const at = shift + offset;
        this.problem('too-complex', { reason, limit, ...(count !== undefined ? { count } : {}) }, { start: at, end: at });
      }
      if (model.leadingContent) {
        if (headings.length > 0) headings[headings.length - 1].ownContent = true;
        else leadingContent = true;
      }
      const headingBase = headings.length;
      for (const h of model.headings) {
        const span = { start: h.start + shift, end: h.end + shift };
        headings.push({ text: h.text, level: h.level, span, range: this.range(span), ownContent: h.ownContent, sectionEnd: text.length, empty: false });
      }
      const tagBase = tags.length;
      // An NC's clause tags report unknown IDs as nc-unknown-clause (naming the NC), not unknown-clause.
      const ncTags = new Set(model.nonconformities?.flatMap((n) => n.tags));
      for (const [i, t] of model.tags.entries()) {
        const span = { start: t.start + shift, end: t.end + shift };
        const tag: ClauseTag = { form: t.form, range: this.range(span), span, refs: [], context: t.context };
        const g: GlobalTag = { raw: { ...t, start: span.start, end: span.end }, tag };
        if (t.heading !== undefined) g.heading = headingBase + t.heading;
        if (t.target) g.raw.target = { start: t.target.start + shift, end: t.target.end + shift };
        tag.refs = this.refs(t.refs, shift, !ncTags.has(i));
        tags.push(g);
      }
      for (const e of model.entries) entries.push({ raw: e, shift, tag: tags[tagBase + e.tag] });
      for (const n of model.nonconformities ?? []) ncs.push({ raw: n, shift, tags: n.tags.map((i) => tags[tagBase + i]) });
      for (const f of model.followUps ?? []) followUps.push({ raw: f, shift });
      for (const s of model.specials) {
        const span = { start: s.start + shift, end: s.end + shift };
        specials.push({ kind: s.kind, label: s.label, reason: s.reason, range: this.range(span), span, links: [] });
      }
      for (const l of model.links) {
        const span = { start: l.start + shift, end: l.end + shift };
        links.push({ target: l.target, range: this.range(span), span });
      }
      for (const s of model.suppressions ?? []) {
        const d: SuppressionDirective = {
          kind: s.kind,
          codes: s.codes.map((c) => ({ code: c.code, range: this.range({ start: c.start + shift, end: c.end + shift }) })),
          range: this.range({ start: s.start + shift, end: s.end + shift }),
        };
        if (s.reason !== undefined) d.reason = s.reason;
        suppressions.push(d);
      }
    }
    void leadingContent;

    // --- sections ---
    for (let i = 0; i < headings.length; i++) {
      let j = i + 1;
      while (j < headings.length && headings[j].level > headings[i].level) j++;
      let end = j < headings.length ? headings[j].span.start : text.length;
      while (end > headings[i].span.end && /\s/.test(text[end - 1])) end--;
      headings[i].sectionEnd = end;
      let empty = true;
      for (let k = i; k < j; k++) if (headings[k].ownContent) empty = false;
      headings[i].empty = empty;
    }

    // --- front matter ---
    const frontMatter: FrontMatter = { notApplicable: [], metrics: {}, clauses: [], cycle: {} };
    let typeProblem: RawSpan | undefined;
    if (fmRaw) {
      const fmSpan = { start: fmRaw.start, end: fmRaw.end };
      frontMatter.range = this.range(fmSpan);
      if (fmRaw.error) this.problem('front-matter-invalid', { detail: fmRaw.error.message }, fmRaw.error);
      if (fmRaw.data) frontMatter.data = fmRaw.data;
      if (fmRaw.type) {
        const t = documentTypeOf(fmRaw.type.value);
        if (t) frontMatter.type = t;
        else typeProblem = fmRaw.type;
      }
      if (fmRaw.scheme !== undefined) frontMatter.scheme = fmRaw.scheme;
      if (fmRaw.organisation !== undefined) frontMatter.organisation = fmRaw.organisation;
      if (fmRaw.enterpriseType !== undefined) frontMatter.enterpriseType = fmRaw.enterpriseType;
      if (fmRaw.root !== undefined) frontMatter.root = fmRaw.root;
      this.cycleFields(frontMatter, fmRaw);
      for (const p of fmRaw.problems) this.problem('front-matter-value', { key: p.key, detail: p.detail }, p);
      frontMatter.clauses = this.refs(fmRaw.clauses, 0, true);
      for (const na of fmRaw.notApplicable) {
        const [ref] = this.refs([{ raw: na.raw, id: na.id, start: na.start, end: na.end }], 0, true);
        if (ref && ref.kind === 'item') frontMatter.notApplicable.push({ itemId: na.id, reason: na.reason, range: this.range(na) });
        else if (ref && ref.kind === 'group') this.problem('front-matter-value', { key: 'not-applicable', detail: `${na.id} is a group; list its items` }, na);
        if (ref && ref.kind === 'item' && !isNaReason(na.reason)) this.problem('na-without-reason', { id: na.id }, na);
      }
      for (const m of fmRaw.metrics) {
        const key = m.key.trim().toLowerCase();
        const metric = scheme.metrics.find((x) => x.id.toLowerCase() === key || x.aliases.some((a) => a.toLowerCase() === key));
        if (!metric) {
          if (m.inMetrics) this.problem('front-matter-value', { key: m.key, detail: `not a metric of scheme ${scheme.id}${scheme.metrics.length ? ` (${scheme.metrics.map((x) => x.id).join(', ')})` : ''}` }, m);
          continue;
        }
        // Left blank (the checklist's `customerSatisfaction:` before it is filled in): not entered yet.
        if (m.value === null || m.value === undefined || (typeof m.value === 'string' && m.value.trim() === '')) continue;
        const n = metricNumber(m.value);
        if (n === undefined) this.problem('front-matter-value', { key: m.key, detail: `expected a number${metric.unit === 'percent' ? ' or a percentage like 93%' : ''}` }, m);
        else if (n < metric.min || n > metric.max) this.problem('front-matter-value', { key: m.key, detail: `${n} is outside ${metric.min}–${metric.max}` }, m);
        else frontMatter.metrics[metric.id] = n;
      }
    }

    // --- kind ---
    // A tagged heading over a line that starts with a figure ("80% 的网点…") is no reason to call a manual an audit.
    const scoredEntries = entries.some((e) => e.raw.score.kind === 'ok' && e.raw.form !== 'heading');
    const knownRef = tags.some((t) => t.tag.refs.some((r) => r.kind !== 'unknown')) || frontMatter.clauses.some((r) => r.kind !== 'unknown');
    let kind: DocumentKind;
    let kindSource: DocumentModel['kindSource'] = 'inferred';
    if (frontMatter.type) {
      kind = frontMatter.type;
      kindSource = 'front-matter';
    } else if (scoredEntries || specials.length > 0 || ncs.some((n) => n.raw.form !== 'table') || followUps.some((f) => f.raw.form !== 'table')) kind = 'audit';
    // (A table of NCs alone does not make an audit: a manual may show a table of its own NC register.)
    else if (knownRef) kind = 'manual';
    else kind = 'none';
    if (typeProblem && fmRaw?.type) this.problem('front-matter-value', { key: fmRaw.type.key, detail: `"${String(fmRaw.type.value)}" is not a document type (manual/手册 or audit/审核报告)` }, typeProblem);

    const model: DocumentModel = {
      length: text.length,
      lineCount: this.lines.lineCount,
      kind,
      kindSource,
      frontMatter,
      headings: headings.map((h) => ({ text: h.text, level: h.level, range: h.range, span: h.span })),
      tags: tags.map((t) => t.tag),
      sections: [],
      coverage: [],
      entries: [],
      specials: kind === 'audit' ? specials : [],
      nonconformities: [],
      followUps: [],
      links,
      problems: [],
      suppressions,
    };
    if (kind === 'manual') this.manual(model, headings, tags);
    if (kind === 'audit') {
      this.audit(model, entries, links, tags);
      this.nonconformities(model, ncs);
      this.followUps(model, followUps);
    }
    if (kind === 'none') return model;
    model.problems = this.problems.sort(
      (a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
    );
    return model;
  }

  private manual(model: DocumentModel, headings: GlobalHeading[], tags: GlobalTag[]): void {
    const sectionSpan = (h: GlobalHeading): RawSpan => ({ start: h.span.start, end: h.sectionEnd });
    const byHeading = new Map<number, GlobalTag[]>();
    for (const t of tags) {
      if (t.heading !== undefined && t.tag.context === 'heading') {
        const list = byHeading.get(t.heading) ?? [];
        list.push(t);
        byHeading.set(t.heading, list);
      }
    }
    for (const [i, list] of [...byHeading.entries()].sort((a, b) => a[0] - b[0])) {
      const h = headings[i];
      const itemIds = [...new Set(list.flatMap((t) => t.tag.refs.filter((r) => r.kind === 'item').map((r) => r.id)))];
      const span = sectionSpan(h);
      model.sections.push({ heading: model.headings[i], range: this.range(span), span, tags: list.map((t) => t.tag), itemIds, empty: h.empty } satisfies ManualSection);
      if (h.empty && itemIds.length > 0) this.problem('empty-section', { ids: itemIds.join(', ') }, h.span, { itemIds });
    }
    const whole = this.range({ start: 0, end: this.text.length });
    const claims: CoverageClaim[] = [];
    for (const t of tags) {
      let target: Range;
      let addressed = true;
      if (t.tag.context === 'heading' && t.heading !== undefined) {
        target = this.range(sectionSpan(headings[t.heading]));
        addressed = !headings[t.heading].empty;
      } else if (t.raw.standalone) {
        let h = -1;
        for (let k = 0; k < headings.length && headings[k].span.start < t.tag.span.start; k++) h = k;
        target = h >= 0 ? this.range(sectionSpan(headings[h])) : whole;
      } else target = t.raw.target ? this.range(t.raw.target) : t.tag.range;
      const via: CoverageClaim['via'] = t.tag.form === 'comment' ? 'comment' : t.tag.context === 'heading' ? 'heading' : 'block';
      for (const r of t.tag.refs) {
        if (r.kind === 'item') claims.push({ itemId: r.id, via, range: r.range, target, addressed });
        else if (r.kind === 'group') this.groupHint(r);
      }
    }
    for (const r of model.frontMatter.clauses) {
      if (r.kind === 'item') claims.push({ itemId: r.id, via: 'front-matter', range: r.range, target: whole, addressed: true });
      else if (r.kind === 'group') this.groupHint(r);
    }
    model.coverage = claims;
  }

  private groupHint(r: ClauseRef): void {
    const group = this.scheme.groupById.get(r.id);
    const example = this.scheme.items.filter((i) => i.group === r.id || i.section === r.id).slice(0, 2).map((i) => i.id).join(', ');
    this.problem('group-tag', { id: r.id, title: group?.title.zh ?? group?.title.en ?? '', example }, r.span, { itemId: r.id });
  }

  private audit(model: DocumentModel, entries: { raw: RawEntry; shift: number; tag: GlobalTag }[], links: EvidenceLink[], tags: GlobalTag[]): void {
    const linksIn = (span: RawSpan) => links.filter((l) => l.span.start >= span.start && l.span.end <= span.end);
    const first = new Map<string, number>();
    for (const na of model.frontMatter.notApplicable) first.set(na.itemId, na.range.start.line);
    for (const { raw, shift, tag } of entries) {
      const refs = tag.tag.refs;
      const span = { start: raw.start + shift, end: raw.end + shift };
      // A tag of several IDs or of a group leads an entry only when a score follows it.
      if (refs.length !== 1) {
        if (refs.length > 1 && raw.score.kind === 'ok') this.problem('entry-multiple-items', { count: refs.length }, tag.tag.span);
        continue;
      }
      const ref = refs[0];
      if (ref.kind === 'group') {
        if (raw.score.kind !== 'ok') continue;
        this.problem('group-tag-in-entry', { id: ref.id }, ref.span, { itemId: ref.id });
        continue;
      }
      if (ref.kind !== 'item' || tag.raw.refs[0]?.to !== undefined) continue;
      const item = this.scheme.itemById.get(ref.id)!;
      const points = item.points;
      const entry: AuditEntry = { itemId: item.id, tag: tag.tag, form: raw.form, range: this.range(span), span, evidence: raw.evidence, links: linksIn(span) };
      if (raw.evidenceSpan) entry.evidenceRange = this.range({ start: raw.evidenceSpan.start + shift, end: raw.evidenceSpan.end + shift });
      if (raw.notes) entry.notes = raw.notes;
      const s = raw.score;
      if (s.kind === 'missing') this.problem('missing-score', { id: item.id, points }, tag.tag.span, { itemId: item.id });
      else if (s.kind === 'malformed') this.problem('malformed-score', { id: item.id, text: s.text, points }, { start: s.start + shift, end: s.end + shift }, { itemId: item.id });
      else {
        const scoreSpan = { start: s.start + shift, end: s.end + shift };
        entry.scoreRange = this.range(scoreSpan);
        const f = s.form;
        const max = Rational.parse(points)!;
        let ok = true;
        if (f.kind === 'percent') {
          if (Rational.parse(f.percent)!.cmp(Rational.HUNDRED) > 0) ok = this.bad('score-above-max', { id: item.id, text: s.text, points }, scoreSpan, item.id);
        } else if (f.kind === 'fraction') {
          const m = Rational.parse(f.max)!;
          if (m.cmp(max) !== 0) ok = this.bad('max-mismatch', { id: item.id, text: s.text, points, max: f.max }, scoreSpan, item.id);
          else if (Rational.parse(f.earned)!.cmp(m) > 0) ok = this.bad('score-above-max', { id: item.id, text: s.text, points }, scoreSpan, item.id);
        } else if (f.kind === 'points') {
          if (Rational.parse(f.earned)!.cmp(max) > 0) ok = this.bad('score-above-max', { id: item.id, text: s.text, points }, scoreSpan, item.id);
        } else if (f.kind === 'sample') {
          const size = Rational.parse(f.size)!;
          if (size.isZero()) ok = this.bad('sample-empty', { id: item.id, text: s.text }, scoreSpan, item.id);
          else if (Rational.parse(f.conforming)!.cmp(size) > 0) ok = this.bad('sample-above-size', { id: item.id, size: f.size, conforming: f.conforming }, scoreSpan, item.id);
        } else if (!isNaReason(f.reason)) {
          ok = this.bad('na-without-reason', { id: item.id }, scoreSpan, item.id);
        }
        if (ok) entry.score = f;
        if (f.kind !== 'not-applicable') {
          if (!entry.evidence && entry.links.length > 0) entry.evidence = entry.links.map((l) => this.text.slice(l.span.start, l.span.end)).join('、');
          // From the tag to the score, whichever comes first (a table may put the score column first).
          const from = Math.min(tag.tag.span.start, scoreSpan.start);
          const to = Math.max(tag.tag.span.end, scoreSpan.end);
          if (!entry.evidence) this.problem('missing-evidence', { id: item.id }, { start: from, end: to }, { itemId: item.id });
        }
      }
      const line = first.get(item.id);
      if (line !== undefined) this.problem('duplicate-score', { id: item.id, line: line + 1 }, tag.tag.span, { itemId: item.id });
      else first.set(item.id, entry.range.start.line);
      model.entries.push(entry);
    }
    // A heading tagged with one item that nothing scores: say how to score it (never silence).
    const scored = new Set([...model.entries.map((e) => e.itemId), ...model.frontMatter.notApplicable.map((n) => n.itemId)]);
    for (const t of tags) {
      const refs = t.tag.refs;
      if (t.tag.context !== 'heading' || refs.length !== 1 || refs[0].kind !== 'item' || scored.has(refs[0].id)) continue;
      scored.add(refs[0].id);
      this.problem('heading-tag-not-scored', { id: refs[0].id }, t.tag.span, { itemId: refs[0].id });
    }
    for (const s of model.specials) {
      s.links = linksIn(s.span);
      if (!s.reason) this.problem('special-without-reason', { kind: s.kind, kindZh: s.kind === 'deduction' ? '扣分' : '加分' }, s.span);
      this.specialPoints(s);
    }
  }

  private cycleFields(frontMatter: FrontMatter, fmRaw: NonNullable<ChunkModel['frontMatter']>): void {
    const c = frontMatter.cycle;
    if (fmRaw.auditType) {
      const t = auditTypeOf(fmRaw.auditType.value);
      c.typeRange = this.range(fmRaw.auditType);
      if (t) c.type = t;
      else this.problem('front-matter-value', { key: fmRaw.auditType.key, detail: `"${String(fmRaw.auditType.value)}" is not an audit type (initial/初次认证, surveillance/监督审核, recertification/再认证)` }, fmRaw.auditType);
    }
    if (fmRaw.auditDate) {
      const d = parseDate(String(fmRaw.auditDate.value));
      c.dateRange = this.range(fmRaw.auditDate);
      if (d) c.date = d;
      else this.problem('front-matter-value', { key: fmRaw.auditDate.key, detail: `"${String(fmRaw.auditDate.value)}" is not a calendar date (YYYY-MM-DD)` }, fmRaw.auditDate);
    }
    if (fmRaw.previous) {
      const v = String(fmRaw.previous.value);
      c.previousRange = this.range(fmRaw.previous);
      if (v) c.previous = v;
      else this.problem('front-matter-value', { key: fmRaw.previous.key, detail: 'expected the relative path of the previous report' }, fmRaw.previous);
    }
  }

  private nonconformities(model: DocumentModel, ncs: { raw: RawNonconformity; shift: number; tags: GlobalTag[] }[]): void {
    const first = new Map<string, number>();
    const at = (s: RawSpan, shift: number): RawSpan => ({ start: s.start + shift, end: s.end + shift });
    for (const { raw, shift, tags } of ncs) {
      const idSpan = at(raw.idSpan, shift);
      const span = at(raw, shift);
      const clauses: ClauseRef[] = [];
      const bare = raw.clauses ? this.refs(raw.clauses, shift, false) : [];
      for (const refs of [...tags.map((t) => t.tag.refs), bare]) {
        for (const ref of refs) {
          if (ref.kind !== 'unknown') {
            clauses.push(ref);
            continue;
          }
          const suggestions = suggestClauseIds(ref.id, this.knownIds);
          const args: Record<string, string> = { nc: raw.id, id: ref.id, scheme: this.scheme.id };
          if (suggestions.length) args.suggestions = suggestions.join(', ');
          this.problem('nc-unknown-clause', args, ref.span, { suggestions });
        }
      }
      const nc: Nonconformity = { id: raw.id, idRange: this.range(idSpan), clauses, finding: raw.finding, range: this.range(span), span };
      if (raw.severity) {
        nc.severity = raw.severity;
        nc.severityRange = this.range(at(raw.severitySpan!, shift));
      } else this.problem('nc-no-severity', { id: raw.id }, idSpan, { ncId: raw.id });
      if (tags.length === 0 && bare.length === 0) this.problem('nc-no-clause', { id: raw.id }, idSpan, { ncId: raw.id });
      if (raw.due) {
        const dueSpan = at(raw.due, shift);
        nc.due = { text: raw.due.text, range: this.range(dueSpan) };
        if (raw.due.iso) nc.due.iso = raw.due.iso;
        else this.problem('nc-invalid-date', { id: raw.id, text: raw.due.text, what: 'due date', whatZh: '整改期限' }, raw.due.text ? dueSpan : at(raw.due.label, shift), { ncId: raw.id });
      }
      if (raw.rootCause) nc.rootCause = { text: raw.rootCause.text, range: this.range(at(raw.rootCause, shift)) };
      if (raw.action) nc.correctiveAction = { text: raw.action.text, range: this.range(at(raw.action, shift)) };
      const v = raw.verification;
      if (v) {
        const closed = v.date?.iso !== undefined && !v.negated;
        nc.verification = { text: v.text, range: this.range(at(v, shift)), closed };
        if (v.date) {
          const dSpan = at(v.date, shift);
          nc.verification.date = { text: v.date.text, range: this.range(dSpan) };
          if (v.date.iso) nc.verification.date.iso = v.date.iso;
          else this.problem('nc-invalid-date', { id: raw.id, text: v.date.text, what: 'verification date', whatZh: '验证日期' }, dSpan, { ncId: raw.id });
        } else if (!v.negated) this.problem('nc-verification-no-date', { id: raw.id }, at({ start: v.labelStart, end: v.end }, shift), { ncId: raw.id });
      }
      const closed = nc.verification?.closed === true;
      if (!closed && (nc.severity === 'major' || nc.severity === 'minor')) {
        if (!nc.correctiveAction) {
          const p: Problem = {
            code: 'nc-no-action',
            args: { id: raw.id, severityName: nc.severity === 'major' ? 'Major' : 'Minor', severityNameZh: nc.severity === 'major' ? '严重' : '一般' },
            range: this.range(idSpan),
            data: { ncId: raw.id },
          };
          if (nc.severity === 'major') p.severity = 'warning';
          this.problems.push(p);
        }
        if (!raw.due) this.problem('nc-no-due', { id: raw.id }, idSpan, { ncId: raw.id });
      }
      const line = first.get(raw.id);
      if (line !== undefined) this.problem('nc-duplicate-id', { id: raw.id, line: line + 1 }, idSpan, { ncId: raw.id });
      else first.set(raw.id, nc.idRange.start.line);
      model.nonconformities.push(nc);
    }
  }

  private followUps(model: DocumentModel, followUps: { raw: RawFollowUp; shift: number }[]): void {
    const first = new Map<string, number>();
    for (const { raw, shift } of followUps) {
      const idSpan = { start: raw.idSpan.start + shift, end: raw.idSpan.end + shift };
      const span = { start: raw.start + shift, end: raw.end + shift };
      const f: FollowUp = { id: raw.id, idRange: this.range(idSpan), text: raw.text, range: this.range(span), span };
      if (raw.status) f.status = raw.status;
      else this.problem('follow-up-no-status', { id: raw.id }, idSpan, { ncId: raw.id });
      const line = first.get(raw.id);
      if (line !== undefined) this.problem('follow-up-duplicate', { id: raw.id, line: line + 1 }, idSpan, { ncId: raw.id });
      else first.set(raw.id, f.idRange.start.line);
      model.followUps.push(f);
    }
  }

  /**
   * `[扣分] 2分 …` / `[加分] 0.5分 …`: points written on a special entry do not count (each entry
   * counts the scheme's points, the bonus is capped); say so unless they are what counts anyway.
   */
  private specialPoints(s: SpecialEntry): void {
    const m = SPECIAL_POINTS.exec(s.reason);
    if (!m) return;
    const written = Rational.parse(normalizeDigits(m[1]));
    const rule = s.kind === 'deduction' ? this.scheme.deduction : this.scheme.bonus;
    if (written && written.eq(Rational.fromNumber(rule.pointsEach))) return;
    const cap = s.kind === 'bonus' ? this.scheme.bonus.cap : undefined;
    this.problem(
      'special-points-ignored',
      {
        text: m[0].trim(),
        scheme: this.scheme.id,
        kind: s.kind,
        kindZh: s.kind === 'deduction' ? '扣分' : '加分',
        each: rule.pointsEach,
        eachUnit: rule.pointsEach === 1 ? 'point' : 'points',
        cap: cap !== undefined ? `, at most ${cap} ${cap === 1 ? 'point' : 'points'} in all` : '',
        capZh: cap !== undefined ? `，合计最多 ${cap} 分` : '',
      },
      s.span,
    );
  }

  private bad(code: ProblemCode, args: Record<string, string | number>, span: RawSpan, itemId: string): false {
    this.problem(code, args, span, { itemId });
    return false;
  }
}

/** The DocumentModel of `text` from its chunks (as `splitIntoChunks` cut them) and a scheme. */
export function assembleDocument(text: string, chunks: PlacedChunk[], scheme: Scheme): DocumentModel {
  return new Assembler(text, scheme).assemble(safeChunks(text, chunks));
}

/**
 * The chunker decides boundaries from single lines, and some Markdown defeats it (a fence in a
 * list item that the item's end cuts off, a fence right after an inline tag that looked like an
 * HTML block, a definition label over two lines). The chunk parses say when that happened
 * (`openEnd`, `definitions`); such chunks are parsed again together with what follows, so the
 * model always equals the parse of the whole text. Rare, and not cached.
 */
function safeChunks(text: string, chunks: PlacedChunk[]): PlacedChunk[] {
  if (chunks.length <= 1) return chunks;
  if (chunks.some((c) => c.model.definitions)) return [{ start: 0, model: parseChunk(text, true) }];
  if (!chunks.some((c, i) => c.model.openEnd && i < chunks.length - 1)) return chunks;
  const out: PlacedChunk[] = [];
  for (let i = 0; i < chunks.length; ) {
    let chunk = chunks[i];
    let next = i + 1;
    while (chunk.model.openEnd && next < chunks.length) {
      const end = next + 1 < chunks.length ? chunks[next + 1].start : text.length;
      chunk = { start: chunk.start, model: parseChunk(text.slice(chunk.start, end), out.length === 0) };
      next++;
    }
    out.push(chunk);
    i = next;
  }
  return out;
}

/**
 * Is a disk-cache entry fit to stand in for parsing a text? The cache folder is private (see
 * diskCache.ts), but a file there can still be damaged, written by another version, or planted:
 * an entry is used only if its shape is that of chunk models (JSON Schema below), its chunks are
 * exactly the chunks the text splits into, and every offset in it lies inside its chunk.
 * Anything else is treated as absent: the text is parsed again.
 */
import Ajv from 'ajv';
import { splitIntoChunks } from '../model';
import type { ChunkEntry } from './analyzer';

const int = { type: 'integer', minimum: 0 };
const span = { start: int, end: int };
const str = { type: 'string' };
const bool = { type: 'boolean' };
const ref = { type: 'object', required: ['start', 'end', 'raw', 'id'], properties: { ...span, raw: str, id: str, to: str } };
const spanObj = { type: 'object', required: ['start', 'end'], properties: span };
const score = {
  type: 'object',
  required: ['kind'],
  properties: {
    kind: { enum: ['ok', 'malformed', 'missing'] },
    ...span,
    text: str,
    // Kinds of score form grow with the document language (the model version tag keeps old caches out).
    form: { type: 'object', required: ['kind'], properties: { kind: str } },
  },
};
const fmValue = { type: 'object', required: ['start', 'end', 'key'], properties: { ...span, key: str } };

const CHUNK_MODEL = {
  type: 'object',
  required: ['headings', 'tags', 'entries', 'specials', 'links', 'leadingContent'],
  properties: {
    headings: { type: 'array', items: { type: 'object', required: ['start', 'end', 'text', 'level', 'ownContent'], properties: { ...span, text: str, level: { type: 'integer', minimum: 1, maximum: 6 }, ownContent: bool } } },
    tags: {
      type: 'array',
      items: {
        type: 'object',
        required: ['start', 'end', 'form', 'refs', 'context'],
        properties: { ...span, form: str, refs: { type: 'array', items: ref }, context: { enum: ['heading', 'block'] }, heading: int, target: spanObj, standalone: bool },
      },
    },
    entries: {
      type: 'array',
      items: {
        type: 'object',
        required: ['start', 'end', 'form', 'tag', 'score', 'evidence'],
        properties: { ...span, form: { enum: ['list', 'paragraph', 'table'] }, tag: int, score, evidence: str, evidenceSpan: spanObj, notes: str },
      },
    },
    specials: { type: 'array', items: { type: 'object', required: ['start', 'end', 'kind', 'label', 'reason'], properties: { ...span, kind: { enum: ['deduction', 'bonus'] }, label: str, reason: str } } },
    links: { type: 'array', items: { type: 'object', required: ['start', 'end', 'target'], properties: { ...span, target: str } } },
    leadingContent: bool,
    frontMatter: {
      type: 'object',
      required: ['start', 'end', 'notApplicable', 'clauses', 'metrics', 'problems'],
      properties: {
        ...span,
        error: { type: 'object', required: ['start', 'end', 'message'], properties: { ...span, message: str } },
        data: { type: 'object' },
        type: fmValue,
        scheme: str,
        organisation: str,
        enterpriseType: str,
        root: bool,
        notApplicable: { type: 'array', items: { type: 'object', required: ['start', 'end', 'raw', 'id', 'reason'], properties: { ...span, raw: str, id: str, reason: str } } },
        clauses: { type: 'array', items: ref },
        metrics: { type: 'array', items: { ...fmValue, properties: { ...fmValue.properties, inMetrics: bool } } },
        problems: { type: 'array', items: { type: 'object', required: ['start', 'end', 'key', 'detail'], properties: { ...span, key: str, detail: str } } },
      },
    },
    openEnd: { const: true },
    definitions: { const: true },
    skipped: { type: 'object' },
    tooComplex: { type: 'object', required: ['reason', 'limit', 'offset'], properties: { reason: { enum: ['nesting', 'marks'] }, count: int, limit: { type: 'number' }, offset: int } },
    failure: str,
  },
};

const ENTRIES = {
  type: 'array',
  minItems: 1,
  items: { type: 'object', required: ['start', 'first', 'model'], properties: { start: int, first: bool, model: CHUNK_MODEL } },
};

let validate: ReturnType<Ajv['compile']> | undefined;

/** Every `start`/`end` pair in a chunk model lies inside the chunk (offsets are chunk-relative). */
function spansInside(value: unknown, length: number): boolean {
  if (Array.isArray(value)) return value.every((v) => spansInside(v, length));
  if (!value || typeof value !== 'object') return true;
  const o = value as Record<string, unknown>;
  if (typeof o.start === 'number' && typeof o.end === 'number' && (o.start > o.end || o.end > length)) return false;
  // Front-matter values are the author's YAML, not offsets.
  for (const k in o) if (k !== 'data' && k !== 'value' && !spansInside(o[k], length)) return false;
  return true;
}

/** Whether `entries` may be used as the parse of `text` (see the module comment). */
export function cacheEntryFits(entries: unknown, text: string): entries is ChunkEntry[] {
  validate ??= new Ajv({ allErrors: false, strict: false }).compile(ENTRIES);
  if (!validate(entries)) return false;
  const chunks = entries as ChunkEntry[];
  const parts = splitIntoChunks(text);
  if (parts.length !== chunks.length) return false;
  for (let i = 0; i < parts.length; i++) {
    const c = chunks[i];
    if (c.start !== parts[i].start || c.first !== parts[i].first) return false;
    const m = c.model;
    if (!spansInside(m, parts[i].text.length)) return false;
    if (m.entries.some((e) => e.tag >= m.tags.length)) return false;
    if (m.tags.some((t) => t.heading !== undefined && t.heading >= m.headings.length)) return false;
    if (m.frontMatter && !c.first) return false;
  }
  return true;
}

/**
 * Incremental analysis of one text: split it into top-level chunks (sections at safe heading
 * boundaries), take each chunk's parse from the cache by its text, parse only the chunks not
 * seen before, and assemble the document model (which shifts every chunk's positions to where
 * the chunk now starts). The result equals `parseDocument(text, scheme)` because chunk models
 * depend on nothing but (chunk text, first) and assembling is deterministic.
 */
import { assembleDocument, parseChunk, splitIntoChunks, type ChunkModel } from '../model';
import type { DocumentModel } from '../model/types';
import type { Scheme } from '../scheme/types';
import type { ChunkCache } from './chunkCache';

export interface ChunkEntry {
  start: number;
  first: boolean;
  model: ChunkModel;
}

export interface TextAnalysis {
  model: DocumentModel;
  scheme: Scheme;
  chunks: ChunkEntry[];
  /** Chunks parsed for this analysis (cache misses). */
  parsed: number;
  /** Characters parsed for this analysis. */
  parsedChars: number;
}

/** Picks the scheme for a model assembled with the default one (front-matter `scheme:`); undefined keeps it. */
export type SchemeChooser = (model: DocumentModel) => Scheme | undefined;

export interface ChunkJob {
  text: string;
  first: boolean;
}

/** Parses many chunks, e.g. on worker threads. Same order in, same order out. */
export type ParseMany = (chunks: ChunkJob[]) => Promise<ChunkModel[]>;

interface Plan {
  parts: { start: number; text: string; first: boolean; model?: ChunkModel }[];
  missing: number[];
  missingChars: number;
}

function plan(text: string, cache: ChunkCache | undefined): Plan {
  const parts: Plan['parts'] = splitIntoChunks(text).map((c) => ({ start: c.start, text: c.text, first: c.first }));
  const missing: number[] = [];
  let missingChars = 0;
  parts.forEach((p, i) => {
    p.model = cache?.get(p.text, p.first);
    if (!p.model) {
      missing.push(i);
      missingChars += p.text.length;
    }
  });
  return { parts, missing, missingChars };
}

/** Assemble with `scheme`, then with the scheme the front matter names (if different). */
export function assemble(text: string, chunks: ChunkEntry[], scheme: Scheme, chooseScheme?: SchemeChooser): { model: DocumentModel; scheme: Scheme } {
  const input = chunks.map((c) => ({ start: c.start, model: c.model }));
  let model = assembleDocument(text, input, scheme);
  const other = chooseScheme?.(model);
  if (other && other !== scheme) {
    model = assembleDocument(text, input, other);
    return { model, scheme: other };
  }
  return { model, scheme };
}

function finish(text: string, p: Plan, scheme: Scheme, chooseScheme: SchemeChooser | undefined): TextAnalysis {
  const chunks = p.parts.map((x) => ({ start: x.start, first: x.first, model: x.model! }));
  const { model, scheme: used } = assemble(text, chunks, scheme, chooseScheme);
  return { model, scheme: used, chunks, parsed: p.missing.length, parsedChars: p.missingChars };
}

/** Characters of `text` whose chunks are not in the cache (what an analysis would parse). */
export function missingChars(text: string, cache: ChunkCache | undefined): number {
  return plan(text, cache).missingChars;
}

/** Analyse on this thread (parsing cache misses here). */
export function analyzeText(text: string, scheme: Scheme, cache?: ChunkCache, chooseScheme?: SchemeChooser): TextAnalysis {
  const p = plan(text, cache);
  for (const i of p.missing) {
    const part = p.parts[i];
    part.model = parseChunk(part.text, part.first);
    cache?.set(part.text, part.first, part.model);
  }
  return finish(text, p, scheme, chooseScheme);
}

/**
 * Analyse, parsing cache misses with `parseMany` when they add up to at least `asyncThreshold`
 * characters (else here, which is faster for a keystroke's worth of change). Returns undefined
 * when `isStale()` turns true while waiting — the parsed chunks still go into the cache.
 */
export async function analyzeTextAsync(
  text: string,
  scheme: Scheme,
  cache: ChunkCache | undefined,
  parseMany: ParseMany | undefined,
  options: { asyncThreshold?: number; isStale?: () => boolean; chooseScheme?: SchemeChooser } = {},
): Promise<TextAnalysis | undefined> {
  const p = plan(text, cache);
  if (p.missing.length > 0) {
    if (parseMany && p.missingChars >= (options.asyncThreshold ?? 0)) {
      const models = await parseMany(p.missing.map((i) => ({ text: p.parts[i].text, first: p.parts[i].first })));
      p.missing.forEach((i, k) => {
        const part = p.parts[i];
        part.model = models[k];
        cache?.set(part.text, part.first, part.model);
      });
      if (options.isStale?.()) return undefined;
    } else {
      for (const i of p.missing) {
        const part = p.parts[i];
        part.model = parseChunk(part.text, part.first);
        cache?.set(part.text, part.first, part.model);
      }
    }
  }
  return finish(text, p, scheme, options.chooseScheme);
}

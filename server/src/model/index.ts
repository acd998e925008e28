/**
 * The document model's entry points. `parseDocument` is what a fresh analysis of a text is;
 * the server's incremental path (server/src/index/analyzer.ts) caches `parseChunk` results by
 * chunk text and calls `assembleDocument`, which gives the same model.
 */
import type { Scheme } from '../scheme/types';
import { assembleDocument } from './assemble';
import { splitIntoChunks } from './chunks';
import { parseChunk } from './parseChunk';
import type { DocumentModel } from './types';

export { assembleDocument, type PlacedChunk } from './assemble';
export type { ChunkModel } from './chunkModel';
export { splitIntoChunks, type Chunk } from './chunks';
export { LineIndex } from './lines';
export { parseChunk } from './parseChunk';
export * from './problems';
export type * from './types';

export interface ParseOptions {
  /** Parse the text as one chunk (no splitting): the reference the chunked path must equal. */
  whole?: boolean;
}

/**
 * The model of a text the prefilter (prefilter.ts) found cannot be ours, without parsing it:
 * kind 'none' with nothing of ours, as its parse would give (headings and links are not read).
 */
export function notOursModel(text: string, scheme: Scheme): DocumentModel {
  return assembleDocument(text, [], scheme);
}

/** Parse a whole text into its model. Never throws. */
export function parseDocument(text: string, scheme: Scheme, options: ParseOptions = {}): DocumentModel {
  const chunks = options.whole ? [{ start: 0, text, first: true }] : splitIntoChunks(text);
  return assembleDocument(
    text,
    chunks.map((c) => ({ start: c.start, model: parseChunk(c.text, c.first) })),
    scheme,
  );
}

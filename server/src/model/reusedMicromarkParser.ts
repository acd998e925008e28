/**
 * micromark's `parse(options)`, but building the parse context for a given extension list once.
 *
 * remark-parse calls mdast-util-from-markdown's `fromMarkdown` for every document, and that calls
 * micromark's `parse(options)`, which merges every construct of CommonMark and of the extensions
 * (GFM, front matter) into one table each time: about 80 µs. The model parses a file as many
 * small chunks (≈ 7 per file, 14,000 for a 2,000-file workspace), so that merge was ≈ 6 % of a
 * cold index. The bundles (scripts/build.mjs, the bench) route mdast-util-from-markdown's
 * `import … from 'micromark'` here with an esbuild plugin (scripts/esbuildPlugins.mjs); the
 * unit tests, which run the TypeScript through tsx, keep micromark's own `parse`. Same trees
 * either way: test/unit/model/reusedMicromarkParser.test.ts compares the two.
 *
 * A context carries per-document state that constructs write while tokenizing: `defined` (link
 * reference definitions), `lazy` (lazy continuation lines) and, from extensions, properties of
 * their own (GFM footnotes add `gfmFootnotes`). Before each reuse those are reset: `defined` and
 * `lazy` to fresh values, any property the context did not have when it was made to
 * `undefined` (extensions create theirs on first use with `parser.x || (parser.x = [])`).
 * Parsing is synchronous, so one context is never used by two documents at once.
 */
import { parse as freshParse } from 'micromark';

export { postprocess, preprocess } from 'micromark';

type Context = ReturnType<typeof freshParse>;
type ParseOptions = Parameters<typeof freshParse>[0];

interface Reusable {
  context: Context;
  /** The properties the context had when it was made. */
  own: Set<string>;
}

const byExtensions = new WeakMap<object, Reusable>();

export function parse(options?: ParseOptions): Context {
  const extensions = options?.extensions;
  if (!extensions) return freshParse(options);
  let reusable = byExtensions.get(extensions);
  if (!reusable) {
    const context = freshParse(options);
    reusable = { context, own: new Set(Object.keys(context)) };
    byExtensions.set(extensions, reusable);
    return context;
  }
  const context = reusable.context as Context & Record<string, unknown>;
  context.defined = [];
  context.lazy = {};
  for (const key of Object.keys(context)) if (!reusable.own.has(key)) context[key] = undefined;
  return context;
}

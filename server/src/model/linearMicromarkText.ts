/**
 * micromark's text initializers, with the merge of adjacent `data` tokens done in one pass.
 *
 * micromark (4.0.3) joins runs of adjacent `data` events at the end of every inline content
 * (`resolveAllText` in micromark/lib/initialize/text.js) with one `events.splice` per run, each
 * moving the rest of the array: quadratic in the number of runs. A paragraph of many clause tags
 * (`[5.1.1.1] [5.1.1.1] …`: every `[` and `]` is tried as a link and left as data) hit it:
 * 20,000 tags took 14 s, 100,000 on one line 48 s. Here the runs are joined in the same array in
 * one pass first; micromark's own resolver then finds nothing left to join (a linear scan) and
 * goes on as before (the line-suffix pass of text content). The trees are the same, node for
 * node: test/unit/model/linearMicromarkText.test.ts bundles the parser as the product does and
 * compares it with micromark's own on every CommonMark spec example, the samples and random
 * documents.
 *
 * The bundles route micromark's `./initialize/text.js` here (scripts/esbuildPlugins.mjs); the
 * original module is imported under a name only that plugin resolves.
 */
import * as original from 'gbt27922:micromark-initialize-text';

type Event = [string, { type: string; end: unknown }, unknown];
type Resolver = (events: Event[], context: unknown) => Event[];
interface Initializer {
  resolveAll: Resolver;
  tokenize: unknown;
}

/**
 * Join every run of adjacent `data` events into its first token, as micromark does, in one pass,
 * in place: the array must stay the same object, because micromark-util-subtokenize holds on to
 * `tokenizer.events` from before the write that resolves them (a new array left it reading the
 * unjoined events, with the first token already stretched over the run: the text of the run
 * came out twice, `报告（2026 年度初次认证）2026 年度初次认证）`).
 */
export function joinDataRuns(events: Event[]): Event[] {
  const n = events.length;
  let write = 0;
  let i = 0;
  while (i < n) {
    const event = events[i];
    if (event[1].type !== 'data' || i + 1 >= n) {
      events[write++] = event;
      i++;
      continue;
    }
    let end = i + 2;
    while (end < n && events[end][1].type === 'data') end++;
    if (end !== i + 2) event[1].end = events[end - 1][1].end;
    // write <= i here, so nothing not yet read is overwritten.
    events[write++] = event;
    events[write++] = events[i + 1];
    i = end;
  }
  events.length = write;
  return events;
}

function linear(initializer: Initializer): Initializer {
  const resolveAll = initializer.resolveAll;
  return { ...initializer, resolveAll: (events, context) => resolveAll(joinDataRuns(events), context) };
}

export const resolver = linear(original.resolver as Initializer);
export const string = linear(original.string as Initializer);
export const text = linear(original.text as Initializer);

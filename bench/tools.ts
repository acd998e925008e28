/**
 * The things measured in-process on the same texts:
 * - floor: the bare remark parse (unified + remark-parse + remark-gfm + remark-frontmatter), what
 *   any Markdown analysis on remark pays at least;
 * - markdownlint: its lint of the same text with its default rules, a tool users already run;
 * - ours: the full analysis — parse → document model → coverage → score (see ours.ts).
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import { lint } from 'markdownlint/sync';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/** The floor: parse to an mdast tree, nothing else. Returns the node count so the work is not optimised away. */
export function remarkParseFile(text: string): number {
  const tree = processor.parse(text);
  return tree.children.length;
}

const MARKDOWNLINT_CONFIG = { default: true } as const;

/** markdownlint with its default rule set on one text; returns the number of findings. */
export function markdownlintFile(name: string, text: string): number {
  const result = lint({ strings: { [name]: text }, config: MARKDOWNLINT_CONFIG });
  return result[name]?.length ?? 0;
}

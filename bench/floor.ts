/**
 * The floor in this process: the bare remark parse (unified + remark-parse + remark-gfm +
 * remark-frontmatter), what any Markdown analysis on remark pays at least. Used beside the
 * whole re-parse of the 5,000-line report (bench/lsp.ts); the side-by-side analysis runs each
 * tool in its own worker (bench/isolated.ts, bench/tools/).
 */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);

/** Parse to an mdast tree, nothing else. Returns the node count so the work is not optimised away. */
export function remarkParseFile(text: string): number {
  const tree = processor.parse(text);
  return tree.children.length;
}

/** The floor as a measured tool (bundled by bench/isolated.ts): the bare remark parse. */
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import remarkFrontmatter from 'remark-frontmatter';
import type { Tool } from './tool';

export function createTool(): Tool {
  const processor = unified().use(remarkParse).use(remarkGfm).use(remarkFrontmatter, ['yaml']);
  return {
    begin() {},
    add: (_path, text) => processor.parse(text).children.length,
    finish: () => 0,
  };
}

import * as assert from 'node:assert/strict';
import type { Block, Inline } from '../../../server/src/export/document';
import { plainText } from '../../../server/src/export/document';
import { MarkdownConverter, parseMarkdown, type TagDisplay } from '../../../server/src/export/markdown';

function convert(md: string, tags: TagDisplay = 'hidden', resolveImage?: ConstructorParameters<typeof MarkdownConverter>[0]['resolveImage']): Block[] {
  return new MarkdownConverter({ locale: 'zh', tags, resolveImage }).blocks(parseMarkdown(md).children);
}

function texts(blocks: Block[]): string[] {
  const out: string[] = [];
  const walk = (b: Block) => {
    if (b.kind === 'heading' || b.kind === 'paragraph') out.push(plainText(b.content));
    else if (b.kind === 'list') b.items.forEach((i) => i.forEach(walk));
    else if (b.kind === 'table') [...(b.header ? [b.header] : []), ...b.rows].forEach((r) => r.forEach((c) => c.content.forEach(walk)));
  };
  blocks.forEach(walk);
  return out;
}

describe('export: Markdown → document blocks', () => {
  const md = [
    '---',
    'type: manual',
    'clauses: [5.1.1.1]',
    '---',
    '# 第一章 组织与资源',
    '',
    '### 售后服务管理师配置 [5.1.2.2]',
    '',
    '配置售后服务管理师 2 名 【5.2.2.1、5.2.2.2】 并定期培训。<!-- clause: 5.3.1.2 -->',
    '',
    '段落末尾的标记【５．１．６．３】',
    '',
    '代码里的 `[5.1.1.1]` 不是标记。',
    '',
    '- 第一项 **加粗** *斜体*',
    '  1. 嵌套有序',
    '- [x] 已完成',
    '',
    '| 网点 | 数量 |',
    '| :--- | ---: |',
    '| 宁波 | 12 |',
    '',
    '> 引用 [5.1.1.2]',
    '',
    '```',
    '<script>alert(1)</script>',
    '```',
    '',
    '<div align="center">居中<script>steal()</script></div>',
    '',
    '[外部](https://example.com) [内部](02-商品服务.md) [脚本](javascript:alert(1))',
  ].join('\n');

  it('hides clause tags (brackets, full-width, lists, comments) and keeps the words around them', () => {
    const t = texts(convert(md));
    assert.ok(t.includes('售后服务管理师配置'), t.join(' | '));
    assert.ok(t.includes('配置售后服务管理师 2 名 并定期培训。'), t.join(' | '));
    assert.ok(t.includes('段落末尾的标记'), t.join(' | '));
    assert.ok(t.includes('引用'), t.join(' | '));
    assert.ok(!t.join('\n').match(/5\.\d\.\d\.\d|５/) || t.join('\n').includes('`') || t.some((x) => x.includes('代码里的 [5.1.1.1]')), 'only the code span keeps an ID');
    assert.ok(t.includes('代码里的 [5.1.1.1] 不是标记。'), 'a code span is not a tag');
    assert.ok(!t.join('\n').includes('clause:'), 'comments dropped');
  });

  it('shows clause tags discreetly when asked (small grey spans, as written)', () => {
    const blocks = convert('### 售后服务管理师配置 [5.1.2.2]\n\n正文【5.2.2.1、5.2.2.2】。', 'discreet');
    const h = blocks[0];
    assert.equal(h.kind, 'heading');
    const spans = (h as Extract<Block, { kind: 'heading' }>).content as (Inline & { text?: string; discreet?: boolean })[];
    assert.deepEqual(spans.map((s) => [s.text, !!s.discreet]), [['售后服务管理师配置 ', false], ['[5.1.2.2]', true]]);
    const p = blocks[1] as Extract<Block, { kind: 'paragraph' }>;
    assert.ok(p.content.some((s) => 'discreet' in s && s.discreet && s.text === '【5.2.2.1、5.2.2.2】'));
  });

  it('renders headings, emphasis, nested and task lists, tables with alignment, quotes and code', () => {
    const blocks = convert(md);
    assert.deepEqual(blocks.filter((b) => b.kind === 'heading').map((b) => (b as { level: number }).level), [1, 3]);
    const list = blocks.find((b) => b.kind === 'list') as Extract<Block, { kind: 'list' }>;
    assert.equal(list.ordered, false);
    assert.equal(list.items.length, 2);
    const first = list.items[0][0] as Extract<Block, { kind: 'paragraph' }>;
    assert.ok(first.content.some((s) => 'bold' in s && s.bold && s.text === '加粗'));
    assert.ok(first.content.some((s) => 'italic' in s && s.italic && s.text === '斜体'));
    assert.equal((list.items[0][1] as Extract<Block, { kind: 'list' }>).ordered, true);
    assert.equal(plainText((list.items[1][0] as Extract<Block, { kind: 'paragraph' }>).content), '☑ 已完成');
    const table = blocks.find((b) => b.kind === 'table') as Extract<Block, { kind: 'table' }>;
    assert.equal(table.rows.length, 1);
    assert.equal(table.rows[0][1].align, 'right');
    assert.ok(blocks.some((b) => b.kind === 'paragraph' && b.style === 'quote'));
    const code = blocks.find((b) => b.kind === 'paragraph' && b.style === 'code') as Extract<Block, { kind: 'paragraph' }>;
    assert.equal(plainText(code.content), '<script>alert(1)</script>', 'code is shown as text');
  });

  it('shows raw HTML as its text (scripts dropped) and links only to http(s)', () => {
    const t = texts(convert(md));
    assert.ok(t.includes('居中'), t.join(' | '));
    assert.ok(!t.join('\n').includes('steal()'));
    const links = convert(md)
      .flatMap((b) => (b.kind === 'paragraph' ? b.content : []))
      .filter((s): s is Inline & { link: string; text: string } => 'link' in s && !!s.link);
    assert.deepEqual(links.map((l) => [l.text, l.link]), [['外部', 'https://example.com']]);
  });

  it('embeds images the resolver gives and names the others', () => {
    const img = { data: new Uint8Array([1]), type: 'png' as const, width: 10, height: 5, alt: '组织架构' };
    const blocks = convert('![组织架构](images/org.png) ![远程](https://x/y.png)', 'hidden', (src) => (src === 'images/org.png' ? img : undefined));
    const p = blocks[0] as Extract<Block, { kind: 'paragraph' }>;
    assert.ok(p.content.some((s) => 'image' in s && s.image === img));
    assert.match(plainText(p.content), /［图片未嵌入：远程］/);
  });
});

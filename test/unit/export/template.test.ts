import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { fillTemplate, TemplateError } from '../../../server/src/export/template';
import { PLACEHOLDERS, placeholderNames, type PlaceholderGroup } from '../../../server/src/export/placeholders';
import { ooxmlProblems, part } from '../../office';
import { analyseReport, HOSTILE, hostileReport, REPO } from './fixtures';

const SAMPLE_TEMPLATE = path.join(REPO, 'samples', 'templates', '审核报告模板.docx');

async function template(...paragraphs: string[]): Promise<Buffer> {
  return Packer.toBuffer(new Document({ sections: [{ children: paragraphs.map((p) => new Paragraph(p)) }] }));
}

function docText(bytes: Uint8Array): string {
  return [...part(bytes, 'word/document.xml').matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('\n');
}

function thrown(f: () => unknown): string {
  try {
    f();
  } catch (e) {
    assert.ok(e instanceof TemplateError, String(e));
    return e.message;
  }
  assert.fail('no error');
}

describe('export: a certification body’s Word template (docxtemplater)', function () {
  this.timeout(30000);
  const { x } = analyseReport({ file: 'samples/audit/2026-审核报告.md' });

  it('fills the sample template in samples/: fields, the groups and items loops (a table row per item)', () => {
    const out = fillTemplate(fs.readFileSync(SAMPLE_TEMPLATE), x.data, 'samples/templates/审核报告模板.docx');
    assert.deepEqual(ooxmlProblems(out), []);
    const text = docText(out);
    assert.ok(text.includes('华东智能家电有限公司'));
    assert.ok(text.includes('总分 92.00 分，评定等级：四星级。'), text.slice(0, 600));
    const rows = part(out, 'word/document.xml').split('<w:tr>').length - 1;
    assert.equal(rows, 5 + 1 + 1 + x.data.groups.length + 1 + x.data.items.length, 'one table row per group and per item');
    for (const id of ['5.1.1.1', '5.2.5.5', '5.3.2.3']) assert.ok(text.includes(id), id);
    assert.ok(!/[{}]/.test(text), 'no placeholder left');
  });

  it('names every unknown placeholder, where it is, and the nearest known one', async () => {
    const t = await template('{orgnisation} {total}', '{#items}{id} {pionts} {organisation}{/items}', '{#grups}{id}{/grups}');
    const msg = thrown(() => fillTemplate(t, x.data, 'body.docx'));
    assert.match(msg, /^template body\.docx has 3 unknown placeholders: /);
    assert.ok(msg.includes('{orgnisation} — did you mean {organisation}?'), msg);
    assert.ok(msg.includes('{pionts} (inside {#items}) — did you mean {points}?'), msg);
    assert.ok(msg.includes('{#grups} — did you mean {#groups}?'), msg);
    assert.ok(msg.includes('docs/export.md'), msg);
  });

  it('accepts fields of the enclosing scopes inside a loop, nested loops, and fields as conditions', async () => {
    const t = await template('{#sections}{id}{#items}{id} {organisation} {#passed}x{/passed}{/items}{/sections}', '{#gates}{#passed}✓{/passed}{^passed}✗{/passed}{/gates}', '{^nonconformities}无{/nonconformities}');
    const msg = (() => {
      try {
        fillTemplate(t, x.data, 't.docx');
        return '';
      } catch (e) {
        return (e as Error).message;
      }
    })();
    // `passed` belongs to gates, not to items: the only unknown one.
    assert.match(msg, /has an unknown placeholder: \{#passed\} \(inside \{#items\}\)/);
    const ok = await template('{#sections}{id}：{#items}{id}/{organisation} {/items}{/sections}', '{#nonconformities}{id}/{status} {/nonconformities}{^nonconformities}本次未记录不符合项{/nonconformities}');
    const text = docText(fillTemplate(ok, x.data, 'ok.docx'));
    assert.ok(text.includes('5.1：5.1.1.1/华东智能家电有限公司'), text.slice(0, 200));
    // The sample's four NCs (samples/EXPECTED.md §3, as of 2027-06-30); a report without any says so.
    assert.ok(text.includes('NC-01/已关闭 NC-02/已逾期 NC-03/已逾期 NC-04/未关闭'), text);
    assert.ok(!text.includes('本次未记录不符合项'));
    const none = analyseReport({ file: 'samples/audit/2026-十星审核报告.md' });
    assert.ok(docText(fillTemplate(ok, none.x.data, 'none.docx')).includes('本次未记录不符合项'));
  });

  it('explains a template it cannot read, and refuses a file that is not a Word document', async () => {
    const t = await template('{#items}{id}');
    assert.match(thrown(() => fillTemplate(t, x.data, 'broken.docx')), /template broken\.docx cannot be read: The loop with tag "items" is unclosed/);
    assert.match(thrown(() => fillTemplate(Buffer.from('not a zip'), x.data, 'x.docx')), /template x\.docx is not a Word document/);
  });

  it('fills hostile text as inert text', async () => {
    const h = analyseReport({ text: hostileReport(), name: 'h.md' });
    const out = fillTemplate(await template('{organisation}', '{#items}{evidence}|{notes}{/items}'), h.x.data, 't.docx');
    assert.deepEqual(ooxmlProblems(out), []);
    const xml = part(out, 'word/document.xml');
    assert.ok(!xml.includes('<script>') && !xml.includes(']]><w:p>'));
    assert.ok(xml.includes('&lt;script&gt;'), 'escaped');
    const text = docText(out).replace(/&quot;/g, '"').replace(/&amp;/g, '&');
    assert.ok(text.includes(HOSTILE.hyperlink), 'the formula-like evidence is there, as text');
  });
});

describe('export: the placeholder catalogue', () => {
  it('is exactly what the report data holds (every key, every list, their fields)', () => {
    const { x } = analyseReport({ file: 'samples/audit/2026-十星审核报告.md' });
    const check = (data: Record<string, unknown>, g: PlaceholderGroup, where: string) => {
      const scalars = Object.keys(data).filter((k) => !Array.isArray(data[k])).sort();
      const lists = Object.keys(data).filter((k) => Array.isArray(data[k])).sort();
      assert.deepEqual(scalars, Object.keys(g.fields).sort(), `${where} fields`);
      assert.deepEqual(lists, Object.keys(g.loops).sort(), `${where} lists`);
      for (const l of lists) {
        const first = (data[l] as Record<string, unknown>[])[0];
        if (first) check(first, g.loops[l], `${where}.${l}`);
      }
    };
    check(x.data as unknown as Record<string, unknown>, PLACEHOLDERS, 'data');
  });

  it('is documented placeholder by placeholder in docs/export.md (fields, then each loop under its own heading)', () => {
    const doc = fs.readFileSync(path.join(REPO, 'docs', 'export.md'), 'utf8');
    const sectionOf = (start: RegExp): string => {
      const i = doc.search(start);
      assert.ok(i >= 0, `docs/export.md has no section ${start}`);
      const rest = doc.slice(doc.indexOf('\n', i) + 1);
      const end = rest.search(/^#{2,4} /m);
      return end < 0 ? rest : rest.slice(0, end);
    };
    const missing: string[] = [];
    const check = (g: PlaceholderGroup, section: string, where: string) => {
      for (const f of Object.keys(g.fields)) if (!section.includes(`\`{${f}}\``)) missing.push(`${where}{${f}}`);
      for (const [loop, inner] of Object.entries(g.loops)) {
        const tag = `\`{#${loop}}…{/${loop}}\``;
        if (!section.includes(tag) && where === '') missing.push(`{#${loop}}`);
        if (where !== '') {
          if (!section.includes(tag)) missing.push(`${where}{#${loop}}`);
          continue;
        }
        const esc = tag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        check(inner, sectionOf(new RegExp(`^#### .*${esc}`, 'm')), `{#${loop}} `);
      }
    };
    check(PLACEHOLDERS, doc, '');
    // The top-level fields in the table of "### Fields".
    for (const f of Object.keys(PLACEHOLDERS.fields)) if (!sectionOf(/^### Fields$/m).includes(`| \`{${f}}\` |`)) missing.push(`fields table: {${f}}`);
    assert.deepEqual(missing, []);
    assert.ok(placeholderNames().length > 80);
  });
});

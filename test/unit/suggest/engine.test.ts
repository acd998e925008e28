import * as assert from 'node:assert/strict';
import Ajv from 'ajv';
import { defaultScheme, loadSchemeText, SCHEME_JSON_SCHEMA } from '../../../server/src/scheme/loader';
import { parseDocument } from '../../../server/src/model';
import { confidentSuggestions, isFrontMatterHeading, shortItemTitle, SuggestionEngine } from '../../../server/src/suggest/engine';
import { applyTagEdits, planTagEdits, sectionsOf, suggestDocument } from '../../../server/src/suggest/sections';

describe('suggestion engine', () => {
  const scheme = defaultScheme();
  const engine = new SuggestionEngine(scheme);

  it('ships curated keywords in the built-in scheme, admitted by the JSON Schema', () => {
    for (const item of scheme.items) assert.ok(item.keywords.length >= 3, item.id);
    assert.ok(scheme.itemById.get('5.2.4.6')!.keywords.includes('备用机'));
    assert.ok(scheme.itemById.get('5.2.4.2')!.keywords.includes('包修'));
    assert.ok(scheme.itemById.get('5.2.4.5')!.keywords.includes('零部件'));
    assert.ok(scheme.itemById.get('5.3.1.5')!.keywords.includes('老用户'));
    assert.ok(scheme.itemById.get('5.2.1.5')!.keywords.includes('批次问题'));
    const validate = new Ajv({ strict: false }).compile(SCHEME_JSON_SCHEMA);
    assert.ok(validate({ id: 'x', extends: 'gbt27922-2011', items: [{ id: '5.2.4.6', keywords: ['周转车'] }] }), JSON.stringify(validate.errors));
    assert.ok(!validate({ id: 'x', items: [{ id: '5.2.4.6', keywords: [''] }] }));
  });

  it('a custom scheme extends the keyword list, and the engine uses it', () => {
    const r = loadSchemeText(JSON.stringify({ id: 'mine', extends: 'gbt27922-2011', items: [{ id: '5.2.4.6', keywords: ['调剂箱', '备用机'] }] }), '/ws/mine.scheme.json');
    assert.ok(r.ok);
    const kw = r.scheme.itemById.get('5.2.4.6')!.keywords;
    assert.equal(kw.filter((k) => k === '备用机').length, 1);
    assert.ok(kw.includes('调剂箱'));
    const section = { heading: '调剂箱', body: '设调剂箱。' };
    assert.equal(new SuggestionEngine(r.scheme).rank(section)[0].id, '5.2.4.6');
    assert.notEqual(engine.rank(section)[0]?.id, '5.2.4.6');
  });

  it('explains a suggestion with the matched terms and where they are', () => {
    const [top] = engine.rank({ heading: '备用机服务', body: '返厂维修超过七天的，提供备用机。' });
    assert.equal(top.id, '5.2.4.6');
    assert.deepEqual(top.terms[0], { term: '备用机', where: 'heading+body', source: 'keyword' });
    assert.ok(top.confidence >= 0.5 && top.confidence <= 1);
  });

  it('damps the parts every manual has (总则, 术语, 修订记录), but not 送货范围', () => {
    assert.ok(isFrontMatterHeading('第一章 总则'));
    assert.ok(isFrontMatterHeading('3 术语和定义'));
    assert.ok(isFrontMatterHeading('修订记录'));
    assert.ok(!isFrontMatterHeading('送货范围与时效'));
    assert.ok(!isFrontMatterHeading('服务承诺'));
  });

  it('applies a second item only with much evidence of its own', () => {
    const ranked = engine.rank({ heading: '零部件供应与备用机', body: '常用零部件区域中心备货；缺件超过七天的，提供备用机。' });
    assert.deepEqual(confidentSuggestions(ranked).map((s) => s.id).sort(), ['5.2.4.5', '5.2.4.6']);
    const one = engine.rank({ heading: '客户服务中心', body: '公司设客户服务中心，下设呼叫组、技术组和质量稽核组，各岗位有岗位说明书。' });
    assert.deepEqual(confidentSuggestions(one).map((s) => s.id), ['5.1.1.1']);
  });

  it('short Chinese titles skip the "根据需要" clauses', () => {
    assert.equal(shortItemTitle(scheme.itemById.get('5.1.1.2')!, 'zh'), '服务网点覆盖与管理');
    assert.equal(shortItemTitle(scheme.itemById.get('5.1.1.2')!, 'en'), 'Service outlets cover the sales area and are managed');
  });
});

describe('suggestions for a document', () => {
  const scheme = defaultScheme();
  const engine = new SuggestionEngine(scheme);
  const text = ['---', 'type: manual', '---', '# 手册', '', '## 备用机 ##', '', '提供备用机。【5.2.4.1】', '', '## 包修政策', '', '整机包修一年，三包期内免费维修。', '', '### 空', ''].join('\n');

  it('reads sections with their own text and the tags inside them', () => {
    const model = parseDocument(text, scheme);
    const s = sectionsOf(model, text);
    assert.deepEqual(
      s.map((x) => [x.title, x.tags]),
      [
        ['手册', []],
        ['备用机', ['5.2.4.1']],
        ['包修政策', []],
        ['空', []],
      ],
    );
  });

  it('writes tags at the end of the heading text (before a closing ##), full-width where the document writes them so', () => {
    const model = parseDocument(text, scheme);
    const sug = suggestDocument(engine, model, text);
    assert.deepEqual(sug.map((x) => x.title), ['备用机', '包修政策'], 'a heading without text of its own is not suggested');
    const out = applyTagEdits(text, planTagEdits(model, text, sug));
    assert.match(out, /^## 包修政策 【5\.2\.4\.2】$/m);
    assert.match(out, /^## 备用机 ##$/m, 'a tagged section is left alone');
  });
});

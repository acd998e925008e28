/**
 * snippets/gbt27922.markdown.json: valid JSON in VS Code's snippet-file shape, valid snippet
 * syntax, and — what matters to the user — each snippet, expanded with its default values the
 * way VS Code inserts it, is read by the document model as what it claims to be (a covering
 * section, an audit entry with a score and evidence, a deduction, front matter …), without
 * error-level problems.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument, problemSeverity } from '../../../server/src/model';
import type { DocumentModel } from '../../../server/src/model/types';
import { defaultScheme } from '../../../server/src/scheme/loader';

const REPO = path.resolve(__dirname, '..', '..', '..');
const FILE = path.join(REPO, 'snippets', 'gbt27922.markdown.json');

interface Snippet {
  prefix: string | string[];
  body: string | string[];
  description?: string;
}

const snippets = JSON.parse(fs.readFileSync(FILE, 'utf8')) as Record<string, Snippet>;

/**
 * Expand a snippet body as VS Code would with every placeholder left at its default:
 * `${1:text}` → text, `${1|a,b|}` → a, `$1`/`${1}`/`$0` → '', `\$` `\}` `\\` → literal.
 * Throws on unbalanced braces or an unknown construct, i.e. what VS Code would insert literally.
 */
export function expandSnippet(body: string): string {
  let i = 0;
  const parse = (stopAt: string | undefined): string => {
    let out = '';
    while (i < body.length) {
      const c = body[i];
      if (c === '\\' && i + 1 < body.length && '$}\\,|'.includes(body[i + 1])) {
        out += body[i + 1];
        i += 2;
        continue;
      }
      if (stopAt && c === stopAt) return out;
      if (c === '$') {
        const simple = /^\$(\d+)/.exec(body.slice(i));
        if (simple) {
          i += simple[0].length;
          continue;
        }
        const open = /^\$\{(\d+)(:|\||\})/.exec(body.slice(i));
        if (!open) throw new Error(`unsupported snippet syntax at ${i}: ${body.slice(i, i + 12)}`);
        i += open[0].length;
        if (open[2] === '}') continue;
        if (open[2] === ':') {
          out += parse('}');
          if (body[i] !== '}') throw new Error('unclosed placeholder');
          i++;
          continue;
        }
        const close = body.indexOf('|}', i);
        if (close < 0) throw new Error('unclosed choice');
        const choices = body.slice(i, close).split(',');
        if (choices.length < 2 || choices.some((x) => x === '')) throw new Error(`bad choice list ${body.slice(i, close)}`);
        out += choices[0];
        i = close + 2;
        continue;
      }
      out += c;
      i++;
    }
    if (stopAt) throw new Error(`missing ${stopAt}`);
    return out;
  };
  return parse(undefined);
}

function lines(s: Snippet): string {
  return Array.isArray(s.body) ? s.body.join('\n') : s.body;
}

function model(name: string, text: string): DocumentModel {
  const m = parseDocument(text, defaultScheme());
  const errors = m.problems.filter((p) => problemSeverity(p.code) === 'error');
  assert.deepEqual(errors.map((p) => p.code), [], `${name}: error-level problems in\n${text}`);
  return m;
}

function snippet(name: string): Snippet {
  const s = snippets[name];
  assert.ok(s, `snippet ${JSON.stringify(name)} exists`);
  return s;
}

describe('snippets', () => {
  it('are contributed for Markdown from the file that exists', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { contributes: { snippets: { language: string; path: string }[] } };
    const entry = pkg.contributes.snippets.find((s) => path.resolve(REPO, s.path) === FILE);
    assert.equal(entry?.language, 'markdown');
  });

  it('each has a prefix (English and Chinese), a body and a description; prefixes are unique', () => {
    const seen = new Set<string>();
    for (const [name, s] of Object.entries(snippets)) {
      const prefixes = Array.isArray(s.prefix) ? s.prefix : [s.prefix];
      assert.ok(prefixes.some((p) => /^gbt-/.test(p)), `${name}: a gbt- prefix`);
      assert.ok(prefixes.some((p) => /[\u4e00-\u9fff]/.test(p)), `${name}: a Chinese prefix`);
      for (const p of prefixes) {
        assert.ok(!seen.has(p), `prefix ${p} is used twice`);
        seen.add(p);
      }
      assert.ok(lines(s).length > 0, `${name}: body`);
      assert.ok((s.description ?? '').length > 10, `${name}: description`);
      assert.doesNotThrow(() => expandSnippet(lines(s)), `${name}: snippet syntax`);
    }
  });

  it('the error check sees errors (a mistyped ID in a snippet would fail)', () => {
    assert.throws(() => model('bad', '---\ntype: audit\n---\n\n- [5.1.9.9] 80% 证据：x\n'), /unknown-clause/);
  });

  it('the expander itself: defaults, choices, tab stops and escapes', () => {
    assert.equal(expandSnippet('a ${1:x} ${2|p,q|} $3${0} \\$ ${4:n${5:m}}'), 'a x p  $ nm');
    assert.throws(() => expandSnippet('${1:open'));
    assert.throws(() => expandSnippet('${name}'));
  });

  it('a manual section covers its item under a tagged heading', () => {
    const text = `---\ntype: manual\n---\n\n${expandSnippet(lines(snippet('Manual section (tagged heading)')))}`;
    const m = model('section', text);
    assert.equal(m.kind, 'manual');
    assert.deepEqual([...new Set(m.coverage.map((c) => c.itemId))], ['5.1.1.1']);
    assert.ok(m.coverage.every((c) => c.via === 'heading' && c.addressed), 'covered by the heading, with content');
  });

  it('a section over several items covers each of them', () => {
    const text = `---\ntype: manual\n---\n\n${expandSnippet(lines(snippet('Manual section covering several items')))}\n内容。\n`;
    const m = model('multi', text);
    assert.deepEqual([...new Set(m.coverage.map((c) => c.itemId))].sort(), ['5.2.2.1', '5.2.2.2']);
  });

  it('the clause comment is a comment tag that covers its block', () => {
    const text = `---\ntype: manual\n---\n\n售后服务管理师负责……${expandSnippet(lines(snippet('Clause comment (invisible tag)')))}\n`;
    const m = model('comment', text);
    assert.equal(m.tags[0]?.form, 'comment');
    assert.deepEqual(m.coverage.map((c) => c.itemId), ['5.1.2.2']);
  });

  it('an audit entry is read with its item, score and evidence', () => {
    const text = `---\ntype: audit\n---\n\n${expandSnippet(lines(snippet('Audit entry')))}\n`;
    const m = model('entry', text);
    assert.equal(m.kind, 'audit');
    assert.equal(m.entries.length, 1);
    const e = m.entries[0];
    assert.equal(e.itemId, '5.1.1.1');
    assert.deepEqual(e.score, { kind: 'percent', percent: '100' });
    assert.ok(e.evidence.includes('文件、记录或链接'), `evidence: ${e.evidence}`);
  });

  it('a not-applicable entry carries its reason', () => {
    const m = model('na', `---\ntype: audit\n---\n\n${expandSnippet(lines(snippet('Audit entry, not applicable')))}\n`);
    assert.equal(m.entries[0]?.itemId, '5.2.5.5');
    assert.equal(m.entries[0]?.score?.kind, 'not-applicable');
    assert.ok(m.entries[0]?.score?.kind === 'not-applicable' && m.entries[0].score.reason.length > 0);
  });

  it('the audit table is read as a table entry', () => {
    const m = model('table', `---\ntype: audit\n---\n\n${expandSnippet(lines(snippet('Audit table')))}\n`);
    assert.equal(m.entries.length, 1);
    assert.equal(m.entries[0].form, 'table');
    assert.equal(m.entries[0].itemId, '5.2.1.1');
    assert.deepEqual(m.entries[0].score, { kind: 'percent', percent: '100' });
  });

  it('deduction and bonus are special entries with reasons', () => {
    const text = `---\ntype: audit\n---\n\n${expandSnippet(lines(snippet('Special deduction')))}\n${expandSnippet(lines(snippet('Special bonus')))}\n`;
    const m = model('specials', text);
    assert.deepEqual(m.specials.map((s) => s.kind), ['deduction', 'bonus']);
    assert.ok(m.specials.every((s) => s.reason.length > 0));
  });

  it('front matter snippets set the kind, the organisation, the root mark and the scheme', () => {
    const manual = model('fm-manual', expandSnippet(lines(snippet('Front matter: service manual'))));
    assert.equal(manual.frontMatter.type, 'manual');
    assert.equal(manual.frontMatter.organisation, '企业名称');
    assert.equal(manual.frontMatter.root, true);
    const audit = model('fm-audit', expandSnippet(lines(snippet('Front matter: audit report'))));
    assert.equal(audit.frontMatter.type, 'audit');
    assert.equal(audit.frontMatter.scheme, 'gbt27922-2011');
    assert.equal(audit.kind, 'audit');
  });
});

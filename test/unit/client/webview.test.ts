/**
 * The webview side of the panel: media/panel.js run against a minimal DOM (node:vm), fed the
 * HTML the extension renders. A click on a row must post exactly the place the extension will
 * agree to open (isKnownLink), updates must swap the content, and malformed messages must be
 * ignored. The stylesheet must take every colour from the theme (VS Code CSS variables).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vm from 'node:vm';
import { renderPanelBody } from '../../../client/src/panel/html';
import { buildViewModel, isKnownLink } from '../../../client/src/panel/viewModel';
import { unescapeHtml, tagsOf } from './htmlCheck';
import { auditPayload, HOSTILE, hostileManual, manualPayload } from './payloads';

const REPO = path.resolve(__dirname, '..', '..', '..');
const SCRIPT = fs.readFileSync(path.join(REPO, 'media', 'panel.js'), 'utf8');
const CSS = fs.readFileSync(path.join(REPO, 'media', 'panel.css'), 'utf8');

/** An element built from one rendered tag's attributes (values unescaped as a browser would). */
class FakeElement {
  constructor(readonly attrs: Record<string, string>) {}
  getAttribute(name: string): string | null {
    return name in this.attrs ? this.attrs[name] : null;
  }
  closest(sel: string): FakeElement | null {
    const attr = /^\[([\w-]+)\]$/.exec(sel)?.[1];
    return attr !== undefined && attr in this.attrs ? this : null;
  }
  focus(): void {}
}

function loadScript() {
  const posted: unknown[] = [];
  const listeners: Record<string, ((e: unknown) => void)[]> = {};
  const root = { innerHTML: '', querySelectorAll: () => [] as FakeElement[] };
  const on = (type: string, fn: (e: unknown) => void) => (listeners[type] ??= []).push(fn);
  const context = {
    // messages are copied out of the script's realm, as postMessage does
    acquireVsCodeApi: () => ({ postMessage: (m: unknown) => posted.push(JSON.parse(JSON.stringify(m))) }),
    document: { getElementById: (id: string) => (id === 'root' ? root : null), activeElement: null, addEventListener: on },
    window: { addEventListener: on, scrollY: 0, scrollTo: () => undefined },
    Element: FakeElement,
    Number,
  };
  vm.runInNewContext(SCRIPT, context, { filename: 'panel.js' });
  const fire = (type: string, e: unknown) => (listeners[type] ?? []).forEach((fn) => fn(e));
  return { posted, root, fire };
}

/** The rows the rendered body offers, as elements. */
function rows(body: string): FakeElement[] {
  return tagsOf(body)
    .filter((t) => t.name === 'button' && 'data-open' in t.attrs)
    .map((t) => new FakeElement(Object.fromEntries(Object.entries(t.attrs).map(([k, v]) => [k, unescapeHtml(v)]))));
}

describe('webview script (media/panel.js)', () => {
  it('says it is ready once loaded', () => {
    const { posted } = loadScript();
    assert.deepEqual(posted, [{ type: 'ready' }]);
  });

  for (const [name, payload] of [
    ['audit report (unscored rows)', auditPayload()],
    ['manual (uncovered rows)', manualPayload()],
    ['manual with hostile text and URIs', hostileManual(HOSTILE[0])],
  ] as const) {
    it(`a click on each row of a ${name} posts a place the extension accepts`, () => {
      const view = buildViewModel(payload);
      const found = rows(renderPanelBody(view));
      assert.ok(found.length > 0, 'the body has clickable rows');
      for (const el of found) {
        const { posted, fire } = loadScript();
        let prevented = false;
        fire('click', { target: el, preventDefault: () => (prevented = true) });
        assert.ok(prevented);
        const msg = posted[1] as { type: string; uri: unknown; range: unknown };
        assert.equal(msg.type, 'open');
        assert.ok(isKnownLink(view, msg), `accepted: ${JSON.stringify(msg)}`);
      }
    });
  }

  it('the export buttons post their format (Word, Excel and PDF for a report; no Excel for a manual; none when exported)', () => {
    const buttons = (body: string) =>
      tagsOf(body)
        .filter((t) => t.name === 'button' && 'data-export' in t.attrs)
        .map((t) => new FakeElement(Object.fromEntries(Object.entries(t.attrs).map(([k, v]) => [k, unescapeHtml(v)]))));
    const exports = ['docx', 'xlsx', 'pdf'] as const;
    const report = buttons(renderPanelBody(buildViewModel(auditPayload()), { interactive: true, exports }));
    assert.deepEqual(report.map((b) => b.attrs['data-export']), ['docx', 'xlsx', 'pdf']);
    for (const b of report) {
      const { posted, fire } = loadScript();
      fire('click', { target: b, preventDefault: () => undefined });
      assert.deepEqual(posted[1], { type: 'export', format: b.attrs['data-export'] });
    }
    const manual = buttons(renderPanelBody(buildViewModel(manualPayload()), { interactive: true, exports: ['docx', 'xlsx'] }));
    assert.deepEqual(manual.map((b) => b.attrs['data-export']), ['docx'], 'no PDF without LibreOffice, no score sheet for a manual');
    assert.deepEqual(buttons(renderPanelBody(buildViewModel(auditPayload()), { interactive: false, exports })), [], 'the HTML summary has no buttons');
  });

  it('a click elsewhere posts nothing', () => {
    const { posted, fire } = loadScript();
    fire('click', { target: new FakeElement({ class: 'title' }), preventDefault: () => undefined });
    assert.deepEqual(posted, [{ type: 'ready' }]);
  });

  it('a forged row (a place the panel does not show) is refused by the extension', () => {
    const view = buildViewModel(auditPayload());
    const [row] = rows(renderPanelBody(view));
    const forged = new FakeElement({ ...row.attrs, 'data-uri': 'file:///etc/passwd' });
    const { posted, fire } = loadScript();
    fire('click', { target: forged, preventDefault: () => undefined });
    assert.equal(isKnownLink(view, posted[1] as { uri: unknown; range: unknown }), false);
  });

  it('swaps in the HTML of an update and ignores malformed messages', () => {
    const { root, fire } = loadScript();
    fire('message', { data: { type: 'update', html: '<main>new</main>' } });
    assert.equal(root.innerHTML, '<main>new</main>');
    for (const data of [null, 'text', { type: 'update', html: 42 }, { type: 'other', html: '<b>x</b>' }, { html: '<b>x</b>' }]) {
      fire('message', { data });
      assert.equal(root.innerHTML, '<main>new</main>', `ignored ${JSON.stringify(data)}`);
    }
  });

  it('has no eval, inline handlers or network access', () => {
    assert.doesNotMatch(SCRIPT, /\beval\s*\(|new Function|setAttribute\(\s*['"]on|fetch\(|XMLHttpRequest|WebSocket|import\(/);
  });
});

describe('panel stylesheet (media/panel.css)', () => {
  it('takes colours from the theme: any literal colour is only a var() fallback', () => {
    const withoutVars = CSS.replace(/\/\*[\s\S]*?\*\//g, '').replace(/var\(--vscode-[\w-]+(?:,[^)]*\))?\)?/g, 'VAR');
    const literal = withoutVars.match(/#[0-9a-fA-F]{3,8}\b|\b(?:rgb|rgba|hsl|hsla)\(/g) ?? [];
    assert.deepEqual(literal, []);
    assert.ok((CSS.match(/var\(--vscode-/g) ?? []).length >= 15, 'uses the theme variables');
  });

  it('loads nothing remote and has no @import', () => {
    assert.doesNotMatch(CSS, /@import|url\(/i);
  });
});

import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { escapeHtml, makeNonce, renderPanelHtml, renderStandaloneHtml } from '../../../client/src/panel/html';
import { auditPayload, HOSTILE, hostileAudit, hostileManual, manualPayload } from './payloads';
import { strayAngles, styleContents, tagsOf, unescapeHtml } from './htmlCheck';

const CSS = readFileSync(path.join(__dirname, '../../../media/panel.css'), 'utf8');
const OPTS = {
  nonce: 'N0nce-abc123',
  cspSource: 'mock-webview-source:',
  scriptUri: 'mock-webview-source:/ext/media/panel.js',
  styleUri: 'mock-webview-source:/ext/media/panel.css',
};

/** Tags and attributes the renderer may produce; anything else means markup leaked in. */
const TAGS = new Set([
  'html', 'head', 'meta', 'link', 'title', 'body', 'div', 'main', 'header', 'footer', 'section', 'h1', 'h2', 'h3', 'p',
  'span', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'ul', 'li', 'button', 'svg', 'rect', 'script', 'style', 'time',
]);
const ATTRS = new Set([
  'charset', 'http-equiv', 'content', 'name', 'rel', 'href', 'lang', 'id', 'class', 'role', 'aria-label', 'aria-live',
  'scope', 'title', 'type', 'nonce', 'src', 'viewbox', 'preserveaspectratio', 'x', 'y', 'width', 'height', 'aria-hidden',
  'data-open', 'data-key', 'data-uri', 'data-kind', 'data-version', 'data-start-line', 'data-start-character',
  'data-end-line', 'data-end-character',
]);

function assertSafe(html: string, hostile: string[]): void {
  assert.deepEqual(strayAngles(html), [], 'every < starts a tag the renderer wrote');
  for (const tag of tagsOf(html)) {
    assert.ok(TAGS.has(tag.name), `unexpected <${tag.name}>`);
    for (const [name, value] of Object.entries(tag.attrs)) {
      assert.ok(ATTRS.has(name), `unexpected attribute ${name} on <${tag.name}>`);
      assert.ok(!/^on/i.test(name), 'no event handler attributes');
      if (name === 'href' || name === 'src') assert.ok(!/^(https?:|javascript:|data:)/i.test(unescapeHtml(value)), `${name}=${value}`);
    }
  }
  for (const h of hostile) {
    if (/[<>"'&]/.test(h)) assert.ok(!html.includes(h), `raw hostile text leaked: ${h}`);
    assert.ok(html.includes(escapeHtml(h)), `escaped text shown: ${h}`);
  }
}

/** A section of the panel by class: its HTML, and its text with the tags as spaces. */
function sectionOf(html: string, cls: string): { section: string; text: string } {
  const section = new RegExp(`<section class="${cls}">([\\s\\S]*?)</section>`).exec(html)![1];
  return { section, text: unescapeHtml(section.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ')).trim() };
}

describe('escapeHtml', () => {
  it('escapes the five HTML-special characters and nothing else', () => {
    assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
    assert.equal(escapeHtml('审核 5.1.2.2 ★ 80%'), '审核 5.1.2.2 ★ 80%');
    assert.equal(escapeHtml(undefined), '');
    assert.equal(escapeHtml(3.5), '3.5');
  });

  it('makes unguessable nonces', () => {
    const a = makeNonce();
    assert.match(a, /^[A-Za-z0-9_-]{22}$/);
    assert.notEqual(a, makeNonce());
  });
});

describe('panel HTML (webview)', () => {
  it('has a strict CSP with the nonce and loads exactly one script, with the nonce', () => {
    const html = renderPanelHtml(auditPayload(), OPTS);
    const metas = tagsOf(html).filter((t) => t.name === 'meta' && t.attrs['http-equiv'] === 'Content-Security-Policy');
    assert.equal(metas.length, 1);
    assert.equal(
      unescapeHtml(metas[0].attrs.content),
      "default-src 'none'; style-src mock-webview-source:; script-src 'nonce-N0nce-abc123'; img-src mock-webview-source: data:; font-src mock-webview-source:",
    );
    assert.ok(html.indexOf('Content-Security-Policy') < html.indexOf('<link'), 'CSP comes before any resource');
    const scripts = tagsOf(html).filter((t) => t.name === 'script' && !t.closing);
    assert.equal(scripts.length, 1);
    assert.equal(scripts[0].attrs.nonce, 'N0nce-abc123');
    assert.equal(scripts[0].attrs.src, OPTS.scriptUri);
    assert.match(html, /<script nonce="N0nce-abc123" src="[^"]+"><\/script>/, 'the script element is empty: no inline code');
    const links = tagsOf(html).filter((t) => t.name === 'link');
    assert.deepEqual(links.map((l) => l.attrs.href), [OPTS.styleUri]);
    assert.ok(!/https?:\/\//.test(html), 'no http(s) origins at all');
    assert.ok(!/\sstyle=/.test(html), 'no inline style attributes (the CSP would block them)');
    assert.ok(!html.includes('<style'), 'no inline <style>');
  });

  it('renders the numbers and stars the payload says', () => {
    const html = renderPanelHtml(auditPayload(), OPTS);
    assert.match(html, /<span class="total-value">86\.25<\/span>/);
    assert.match(html, /<span class="stars-filled">★★★<\/span><span class="stars-empty">☆☆<\/span>/);
    assert.match(html, /<div class="tier-name">三星级<\/div>/);
    assert.ok(html.includes('3.75'), 'points to the next tier');
    assert.ok(html.includes('四星级'));
    assert.ok(html.includes('34.5 / 40'));
    assert.ok(html.includes('86.25%'));
    assert.match(html, /<rect class="bar-fill" x="0" y="0" width="85\.71" height="6">/);
    assert.match(html, /data-uri="file:\/\/\/ws\/samples\/audit\/%E5%AE%A1%E6%A0%B8%E6%8A%A5%E5%91%8A\.md" data-start-line="40"/);
    assert.ok(html.includes('5.1.6.4'));
    assert.ok(html.includes('lang="zh-CN"'));
  });

  it('renders 达标级 as two stars and a failed report as none', () => {
    const p = auditPayload();
    p.audit!.tier = { id: 'qualified', name: '达标级', stars: 2, minScore: 70 };
    p.audit!.verdictText = '达标级';
    assert.match(renderPanelHtml(p, OPTS), /<span class="stars-filled">★★<\/span><span class="stars-empty">☆☆☆<\/span>/);
    p.audit!.verdict = 'failed-deductions';
    p.audit!.verdictText = '不通过';
    p.audit!.deductions = { count: 6, points: '6', limit: 5, overLimit: true };
    const failed = renderPanelHtml(p, OPTS);
    assert.match(failed, /<span class="stars-filled"><\/span><span class="stars-empty">☆☆☆☆☆<\/span>/);
    assert.match(failed, /class="summary verdict-failed-deductions"/);
    assert.match(failed, /class="verdict-reason"/);
  });

  it('says how many problems suppression comments hide (nothing when none)', () => {
    const p = auditPayload();
    p.problems = { errors: 1, warnings: 2, suppressed: 3 };
    assert.match(renderPanelHtml(p, OPTS), /<p class="problems has-errors">1 errors, 2 warnings <span class="suppressed">3 suppressed<\/span><\/p>/);
    assert.doesNotMatch(renderPanelHtml(auditPayload(), OPTS), /suppressed/);
  });

  it('says which gate failed', () => {
    const p = auditPayload();
    const gate = { tier: '五星级', id: 'characteristics', description: '服务特性测评', metric: 'characteristics', min: 95, actual: '93', passed: false };
    p.audit!.gates = [gate];
    p.audit!.failedGates = [gate];
    const html = renderPanelHtml(p, OPTS);
    assert.match(html, /<p class="failed-gate">[^<]*服务特性测评[^<]*95[^<]*93[^<]*<\/p>/);
    assert.match(html, /<tr class="gate failed">/);
  });

  it('shows a manual’s coverage and uncovered list', () => {
    const html = renderPanelHtml(manualPayload(), OPTS);
    assert.match(html, /<span class="total-value">99%<\/span>/);
    assert.ok(html.includes('Service evaluation'));
    assert.ok(html.includes('data-key="uncovered:5.1.6.4"'));
    assert.ok(html.includes('samples/manual/02-organisation.md'));
    assert.ok(html.includes('lang="en"'));
  });

  it('the NC section: counts by severity and status, a row per NC that opens it, follow-ups, what was not followed up', () => {
    const { section, text } = sectionOf(renderPanelHtml(auditPayload(), OPTS), 'ncs');
    assert.ok(text.startsWith('Non-conformities (2) as of 2027-06-30'), text);
    assert.ok(text.includes('By severity major 1 · minor 1 · observation 0'), text);
    assert.ok(text.includes('By status overdue 1 · open 0 · action planned 0 · closed 1'), text);
    assert.ok(text.includes('NC-02 major overdue 5.1.2.2 due 2027-05-31 (30 days past due) 管理师不足'), text);
    assert.ok(text.includes('NC-04 closed'), text);
    assert.ok(text.includes('NC-05 minor open in the previous report, not followed up here'), text);
    // Rows open exactly the NC's place; the not-followed-up one opens the previous report.
    assert.match(section, /<button type="button" class="item nc status-overdue" data-open="1" data-key="nc:NC-02:61" data-uri="file:\/\/\/ws\/samples\/audit\/%E5%AE%A1%E6%A0%B8%E6%8A%A5%E5%91%8A\.md" data-start-line="61"/);
    assert.match(section, /data-key="nf:NC-05" data-uri="file:\/\/\/ws\/samples\/audit\/2026\.md" data-start-line="30"/);
    // Without NCs or follow-ups there is no section at all.
    const none = auditPayload();
    none.audit!.ncs = undefined;
    assert.ok(!renderPanelHtml(none, OPTS).includes('class="ncs"'));
  });

  it('the certification cycle: previous audit and change, change by group, the trend with each report openable', () => {
    const { section, text } = sectionOf(renderPanelHtml(auditPayload(), OPTS), 'cycle');
    assert.ok(text.startsWith('Certification cycle 监督审核 · 2027-03-20'), text);
    assert.ok(text.includes('Previous audit: samples/audit/2026.md (2026-03-18): 84.00, 三星级 → 86.25 (+2.25)'), text);
    assert.ok(text.includes('5.1 售后服务体系 80.00% 86.25% +6.25'), text);
    assert.ok(text.includes('2026-03-18 初次认证 84.00 ★★★ 三星级 1 samples/audit/2026.md'), text);
    assert.ok(text.includes('2027-03-20 监督审核 86.25 ★★★ 三星级 1 samples/audit/审核报告.md'), text);
    assert.match(section, /data-key="trend:samples\/audit\/2026\.md" data-uri="file:\/\/\/ws\/samples\/audit\/2026\.md" data-start-line="0"/);
    assert.match(section, /<tr class="trend-row current">/);
    // The export has the same words and no buttons.
    const standalone = renderStandaloneHtml(auditPayload(), { css: CSS });
    assert.ok(standalone.includes('class="cycle"') && standalone.includes('class="ncs"'));
    assert.ok(!/<button/.test(standalone));
  });

  it('renders the empty and not-ours states', () => {
    assert.match(renderPanelHtml(undefined, OPTS), /class="panel empty"/);
    assert.match(renderPanelHtml(manualPayload({ kind: 'none', manual: undefined }), OPTS), /class="panel none"/);
  });

  for (const s of HOSTILE) {
    it(`escapes hostile document text everywhere: ${s}`, () => {
      assertSafe(renderPanelHtml(hostileAudit(s), OPTS), [s]);
      assertSafe(renderPanelHtml(hostileManual(s), OPTS), [s]);
    });
  }

  it('escapes a hostile nonce, CSP source and URIs too', () => {
    const html = renderPanelHtml(auditPayload(), { ...OPTS, scriptUri: '"><script>alert(1)</script>', styleUri: "'><x>" });
    assert.deepEqual(strayAngles(html), []);
  });
});

describe('standalone HTML export', () => {
  it('is one self-contained page with no script and a hash-pinned style', () => {
    const html = renderStandaloneHtml(auditPayload(), { css: CSS, generatedAt: '2024-05-01T08:00:00Z' });
    assert.ok(!/<script/i.test(html), 'no script');
    assert.ok(!/https?:\/\//.test(html), 'no remote content');
    assert.ok(!html.includes('data-open'), 'rows are text, not buttons');
    assert.ok(!/<link/.test(html), 'no external stylesheet');
    const styles = styleContents(html);
    assert.equal(styles.length, 1);
    const hash = createHash('sha256').update(styles[0], 'utf8').digest('base64');
    const csp = tagsOf(html).find((t) => t.attrs['http-equiv'] === 'Content-Security-Policy');
    assert.equal(unescapeHtml(csp!.attrs.content), `default-src 'none'; style-src 'sha256-${hash}'; img-src data:`);
    assert.ok(styles[0].includes('--vscode-foreground:'), 'theme fallbacks for outside VS Code');
    assert.match(html, /<span class="total-value">86\.25<\/span>/);
    assert.ok(html.includes('<time>2024-05-01T08:00:00Z</time>'));
    assert.match(html, /<title>审核报告\.md — /);
  });

  for (const s of HOSTILE) {
    it(`escapes hostile text: ${s}`, () => {
      const html = renderStandaloneHtml(hostileAudit(s), { css: CSS, generatedAt: s });
      const body = html.slice(html.indexOf('</head>'));
      assertSafe(body, [s]);
      const manual = renderStandaloneHtml(hostileManual(s), { css: CSS });
      assertSafe(manual.slice(manual.indexOf('</head>')), [s]);
    });
  }

  it('cannot be broken out of its <style> by the stylesheet', () => {
    const html = renderStandaloneHtml(auditPayload(), { css: 'b{}</style><script>alert(1)</script>' });
    assert.equal(html.match(/<\/style/gi)?.length, 1, 'the style element ends only where the renderer ends it');
    assert.equal(html.indexOf('<script'), html.indexOf('<style>') + html.slice(html.indexOf('<style>')).indexOf('<script'), 'the text stays inside the style element');
    assert.ok(html.indexOf('<script') < html.indexOf('</style>'));
  });
});

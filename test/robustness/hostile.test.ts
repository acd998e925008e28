/**
 * Hostile content: document text, evidence, organisation names, file names and scheme text
 * carrying HTML/JS. Checked where it ends up: the panel's webview HTML and the exported HTML
 * (rendered by the client's pure renderer from the server's real documentScore payload, parsed
 * with parse5), the hover Markdown (parsed with remark: no raw HTML node, no javascript: link),
 * and the webview CSP. A scheme or config file is data only (no prototype pollution, code
 * strings never run), and evidence links outside the workspace are never looked at.
 */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve, sep } from 'node:path';
import { parse as parseHtml } from 'parse5';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { HoverRequest, type Diagnostic, type Hover, type MarkupContent } from 'vscode-languageserver-protocol';
import { makeNonce, renderPanelHtml, renderStandaloneHtml } from '../../client/src/panel/html';
import { loadSchemeText } from '../../server/src/scheme/loader';
import { loadConfigText } from '../../server/src/config/config';
import { createFsLinkChecker } from '../../server/src/io/fsLinks';
import type { DocumentScorePayload } from '../../server/src/protocol';
import { cleanupTemp, DOCUMENT_SCORE, fileUri, startServer, tempDir, writeTree, type LspClient } from './helpers';

const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror=alert(2)>';
const JS_LINK = '[点我](javascript:alert(3))';
const PWNED = join(tempDir('gbt27922-robust-pwned-'), 'pwned');

const HOSTILE_REPORT = `---
type: audit
organisation: "${SCRIPT}${IMG}\\" onmouseover=\\"alert(4)"
scheme: ./evil.scheme.json
---

# 审核报告 ${SCRIPT}

- [5.1.1.1] 80% ${IMG} 证据：${JS_LINK} <a href="javascript:alert(5)">x</a>
- [5.1.1.2] 90% 证据：[外部](../../etc/passwd)
- [5.1.2.1] 90% 证据：[绝对](/etc/passwd)
- [5.1.2.2] 90% 证据：[文件](file:///etc/passwd)
- [5.1.3.1] 90% 证据：[编码](..%2F..%2F..%2Fetc%2Fpasswd)
- [5.4.1.1] 50% 证据：记录 ${SCRIPT}
`;

/** The certification cycle with hostile text: a previous report (hostile file name) with an NC, and a report that follows it up. */
const PREVIOUS_NAME = `prev ${IMG}.md`;
const HOSTILE_PREVIOUS = `---
type: audit
auditType: 初次认证
auditDate: 2026-01-10
---

# 上次 ${SCRIPT}

- [5.1.1.1] 80% 证据：x
- [NC-X1] [5.1.1.1] 一般：${SCRIPT} ${IMG} ${JS_LINK}。整改期限：2026-02-01
  - 纠正措施：<iframe src="https://evil.example"></iframe>
`;
const HOSTILE_CYCLE = `---
type: audit
auditType: "${SCRIPT}"
auditDate: 2027-01-05
previous: "${PREVIOUS_NAME}"
---

# 本次

- [5.1.1.1] 80% 证据：x
- [NC-Y1] [5.1.1.1] 严重：${IMG}</section></main><script>alert(7)</script>。整改期限：2026-06-01
  - 纠正措施："><svg onload=alert(8)>
- [跟踪 NC-X1] 未关闭：${SCRIPT}
`;

const HOSTILE_MANUAL = `---
type: manual
---

# 手册

## [5.1.1.1] 组织 ${IMG} ${SCRIPT} ${JS_LINK} <iframe src="https://evil.example"></iframe>

售后服务部负责全部售后工作。
`;

/** A scheme extending the default whose every string is hostile, with code strings and prototype keys. */
const EVIL_SCHEME = JSON.stringify(
  {
    id: 'evil',
    extends: 'gbt27922-2011',
    name: { zh: `恶意方案 ${SCRIPT}`, en: `Evil ${SCRIPT}${IMG}` },
    source: `require('child_process').execSync('touch ${PWNED}')`,
    groups: [{ id: '5.4', title: { zh: `数字化 ${IMG}`, en: `Digital ${IMG}` } }, { id: '5.4.1', title: { zh: '在线', en: 'Online' } }],
    items: [
      {
        id: '5.4.1.1',
        points: 2,
        requirement: `${SCRIPT} ${IMG} \${process.exit(1)} {{constructor.constructor('return process')().exit(1)}}`,
        title: { zh: `在线 ${SCRIPT}`, en: `Online ${IMG}` },
      },
    ],
  },
  null,
  2,
);

interface HtmlNode {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
  content?: HtmlNode;
  value?: string;
}

function walk(node: HtmlNode, visit: (n: HtmlNode) => void): void {
  visit(node);
  for (const c of node.childNodes ?? []) walk(c, visit);
  if (node.content) walk(node.content, visit);
}

/** Everything active in an HTML page: scripts, event handlers, javascript: URLs, frames, remote URLs. */
function activeParts(html: string, ownOrigin?: string): { scripts: HtmlNode[]; problems: string[]; text: string } {
  const doc = parseHtml(html) as unknown as HtmlNode;
  const scripts: HtmlNode[] = [];
  const problems: string[] = [];
  let text = '';
  walk(doc, (n) => {
    if (n.nodeName === '#text') text += n.value ?? '';
    if (!n.tagName) return;
    if (n.tagName === 'script') scripts.push(n);
    if (['iframe', 'object', 'embed', 'base', 'form', 'frame', 'img', 'a'].includes(n.tagName)) problems.push(`<${n.tagName}> element`);
    for (const a of n.attrs ?? []) {
      if (/^on/i.test(a.name)) problems.push(`${n.tagName}[${a.name}]`);
      if (/^\s*(javascript|vbscript|data):/i.test(a.value) && a.name !== 'content') problems.push(`${n.tagName}[${a.name}=${a.value}]`);
      if (['src', 'href', 'action', 'formaction', 'srcset', 'xlink:href'].includes(a.name) && /^\s*(https?:)?\/\//i.test(a.value) && !(ownOrigin && a.value.startsWith(ownOrigin + '/'))) problems.push(`remote ${n.tagName}[${a.name}=${a.value}]`);
      if (a.name === 'style') problems.push(`inline style on ${n.tagName}`);
    }
    if (n.tagName === 'meta' && (n.attrs ?? []).some((a) => a.name === 'http-equiv' && /refresh/i.test(a.value))) problems.push('meta refresh');
  });
  return { scripts, problems, text };
}

function cspOf(html: string): Map<string, string[]> {
  const m = /<meta http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html);
  assert.ok(m, 'the page has a CSP meta element');
  const csp = m[1].replace(/&#39;/g, "'").replace(/&amp;/g, '&').replace(/&quot;/g, '"');
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((p) => p[0])
      .map((p) => [p[0], p.slice(1)]),
  );
}

describe('robustness: hostile content', function () {
  this.timeout(60000);
  let client: LspClient;
  let root: string;
  let payload: DocumentScorePayload;
  let reportUri: string;
  let reportDiagnostics: Diagnostic[];
  const nonce = makeNonce();
  const cspSource = 'https://file+.vscode-resource.vscode-cdn.net';

  before(async () => {
    root = tempDir();
    writeTree(root, {
      [`reports/${IMG}.md`]: HOSTILE_REPORT,
      'reports/evil.scheme.json': EVIL_SCHEME,
      [`reports/${PREVIOUS_NAME}`]: HOSTILE_PREVIOUS,
      'reports/cycle.md': HOSTILE_CYCLE,
      'manual/manual.md': HOSTILE_MANUAL,
      // A file name that tries to close the hover's link and open a javascript: one.
      'manual/x)[a](javascript:alert(6)) <b>.md': '---\ntype: manual\n---\n\n## [5.1.1.2] 网点 <b>粗</b>\n\n内容。\n',
    });
    client = await startServer([root]);
    await client.waitForIndexed();
    reportUri = fileUri(join(root, 'reports', `${IMG}.md`));
    await client.open(reportUri, HOSTILE_REPORT);
    reportDiagnostics = await client.waitForDiagnostics(reportUri, (d, v) => v === 1 && d.length > 0);
    payload = await client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE, { uri: reportUri });
  });

  after(async () => {
    await client?.stop();
    cleanupTemp();
  });

  it('the payload really carries the hostile strings (else the checks below prove nothing)', () => {
    assert.equal(payload.kind, 'audit');
    assert.ok(payload.organisation?.includes(SCRIPT), `organisation: ${payload.organisation}`);
    assert.ok(payload.scheme.name.includes(SCRIPT), `scheme name: ${payload.scheme.name}`);
    assert.ok(payload.uri.includes('onerror'), payload.uri);
  });

  it('the webview page: one script (with the nonce, from the extension), no handler, no javascript: URL, hostile text shown as text', () => {
    const html = renderPanelHtml(payload, { nonce, cspSource, scriptUri: `${cspSource}/media/panel.js`, styleUri: `${cspSource}/media/panel.css`, locale: 'en' });
    const { scripts, problems, text } = activeParts(html, cspSource);
    assert.equal(scripts.length, 1, 'exactly one script element');
    const attrs = Object.fromEntries((scripts[0].attrs ?? []).map((a) => [a.name, a.value]));
    assert.equal(attrs.nonce, nonce);
    assert.equal(attrs.src, `${cspSource}/media/panel.js`);
    assert.equal(scripts[0].childNodes?.length ?? 0, 0, 'no inline script body');
    assert.deepEqual(problems, []);
    assert.ok(text.includes(SCRIPT), 'the organisation is shown, as text');
    assert.ok(text.includes(IMG), 'the file name is shown, as text');
  });

  it('the webview CSP: nothing by default, scripts only by nonce, no remote origin but the webview resource origin', () => {
    const html = renderPanelHtml(payload, { nonce, cspSource, scriptUri: `${cspSource}/media/panel.js`, styleUri: `${cspSource}/media/panel.css` });
    const csp = cspOf(html);
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.deepEqual(csp.get('script-src'), [`'nonce-${nonce}'`], 'scripts: the nonce only');
    for (const [directive, sources] of csp) {
      for (const s of sources) {
        assert.ok(!/unsafe-(inline|eval|hashes)|^\*$|^https?:$|^wasm-unsafe-eval$/.test(s), `${directive} allows ${s}`);
        const allowed = s === "'none'" || s === "'self'" || s === cspSource || s === 'data:' || s === `'nonce-${nonce}'`;
        assert.ok(allowed, `${directive} allows ${s}`);
      }
      if (sources.includes('data:')) assert.equal(directive, 'img-src', 'data: only for images');
    }
    assert.ok(!csp.has('connect-src') || csp.get('connect-src')!.every((s) => s === "'none'"), 'no network access');
  });

  it('the exported HTML: no script at all, no handler, CSP without script-src, hostile text shown as text', () => {
    const html = renderStandaloneHtml(payload, { css: 'body{color:black}', generatedAt: `${SCRIPT}` });
    const { scripts, problems, text } = activeParts(html);
    assert.equal(scripts.length, 0);
    assert.deepEqual(problems, []);
    assert.ok(text.includes(SCRIPT));
    const csp = cspOf(html);
    assert.deepEqual(csp.get('default-src'), ["'none'"]);
    assert.ok(!csp.has('script-src'), 'scripts fall back to none');
    assert.ok([...csp.values()].flat().every((s) => !/unsafe|^\*$|^https?:/.test(s)));
  });

  it('hover Markdown: document and scheme text cannot carry raw HTML or a javascript: link', async () => {
    const manualUri = fileUri(join(root, 'manual', 'manual.md'));
    const hovers: string[] = [];
    // On the report's 5.1.1.1 (covered by the hostile manual heading), 5.4.1.1 (hostile scheme
    // text) and 5.1.1.2 (covered in a file with a hostile name).
    for (const line of [8, 13, 9]) {
      const h = (await client.request(HoverRequest.type, { textDocument: { uri: reportUri }, position: { line, character: 5 } })) as Hover | null;
      assert.ok(h, `hover at line ${line}`);
      hovers.push((h.contents as MarkupContent).value);
    }
    await client.open(manualUri);
    const h = (await client.request(HoverRequest.type, { textDocument: { uri: manualUri }, position: { line: 6, character: 6 } })) as Hover | null;
    assert.ok(h);
    hovers.push((h.contents as MarkupContent).value);
    assert.ok(hovers[0].includes('onerror'), 'the hostile manual heading is in the hover (escaped)');
    assert.ok(hovers[1].includes('alert'), 'the hostile requirement is in the hover (escaped)');
    assert.ok(hovers[2].includes('javascript'), 'the hostile file name is in the hover');
    for (const md of hovers) {
      const tree = unified().use(remarkParse).use(remarkGfm).parse(md);
      const bad: string[] = [];
      const visit = (n: { type: string; url?: string; value?: string; children?: unknown[] }) => {
        if (n.type === 'html') bad.push(`raw HTML: ${n.value}`);
        if (n.url !== undefined && !/^file:/.test(n.url)) bad.push(`${n.type} to ${n.url}`);
        for (const c of (n.children ?? []) as (typeof n)[]) visit(c);
      };
      visit(tree as never);
      assert.deepEqual(bad, [], md);
    }
  });

  it('non-conformities, follow-ups and the trend with hostile text: shown as text in the panel, escaped in hovers', async () => {
    const uri = fileUri(join(root, 'reports', 'cycle.md'));
    await client.open(uri, HOSTILE_CYCLE);
    await client.waitForDiagnostics(uri, (_d, v) => v === 1);
    const p = await client.requestRaw<DocumentScorePayload>(DOCUMENT_SCORE, { uri });
    const a = p.audit!;
    assert.ok(a.ncs!.rows[0].finding.includes('<script>alert(7)</script>'), 'the payload carries the hostile finding');
    assert.deepEqual(a.ncs!.followUps.map((f) => [f.id, f.status, f.known]), [['NC-X1', 'open', true]]);
    assert.deepEqual(a.cycle!.trend.map((e) => e.file), [`reports/${PREVIOUS_NAME}`, 'reports/cycle.md']);
    for (const html of [
      renderPanelHtml(p, { nonce, cspSource, scriptUri: `${cspSource}/media/panel.js`, styleUri: `${cspSource}/media/panel.css` }),
      renderStandaloneHtml(p, { css: 'body{color:black}' }),
    ]) {
      const { scripts, problems, text } = activeParts(html, cspSource);
      assert.ok(scripts.length <= 1, 'no script but the panel’s own');
      assert.deepEqual(problems, []);
      assert.ok(text.includes(`${IMG}</section></main><script>alert(7)</script>`), 'the finding, as text');
      assert.ok(text.includes(PREVIOUS_NAME), 'the previous report’s name, as text');
    }
    const md: string[] = [];
    for (const needle of ['[NC-Y1]', '[跟踪 NC-X1]']) {
      const line = HOSTILE_CYCLE.split('\n').findIndex((l) => l.includes(needle));
      const character = HOSTILE_CYCLE.split('\n')[line].indexOf('NC-') + 1;
      const h = (await client.request(HoverRequest.type, { textDocument: { uri }, position: { line, character } })) as Hover | null;
      assert.ok(h, needle);
      md.push((h.contents as MarkupContent).value);
    }
    assert.ok(md[0].includes('alert(7)') && md[1].includes('alert'), 'the hostile text is in the hovers (escaped)');
    for (const m of md) {
      const bad: string[] = [];
      const visit = (n: { type: string; url?: string; value?: string; children?: unknown[] }) => {
        if (n.type === 'html') bad.push(`raw HTML: ${n.value}`);
        if (n.url !== undefined && !/^file:/.test(n.url)) bad.push(`${n.type} to ${n.url}`);
        for (const c of (n.children ?? []) as (typeof n)[]) visit(c);
      };
      visit(unified().use(remarkParse).use(remarkGfm).parse(m) as never);
      assert.deepEqual(bad, [], m);
    }
  });

  it('evidence links outside the workspace are reported, never followed', () => {
    const outside = reportDiagnostics.filter((d) => d.code === 'evidence-link-outside').map((d) => d.range.start.line);
    // ../../etc/passwd (9), file:///etc/passwd (11, a file on this machine) and the encoded ../ (12).
    assert.deepEqual(outside.sort((a, b) => a - b), [9, 11, 12], JSON.stringify(reportDiagnostics.map((d) => [d.code, d.range.start.line])));
    // `/etc/passwd` means the workspace root's etc/passwd (as on GitHub): checked inside, missing.
    const broken = reportDiagnostics.filter((d) => d.code === 'broken-evidence-link').map((d) => d.range.start.line);
    assert.deepEqual(broken, [10]);
  });

  it('the link checker never touches a path outside the workspace (fs spied in-process)', () => {
    const touched: string[] = [];
    // The CommonJS module object (what the bundled and the tsx-compiled code read through).
    const fsm = createRequire(__filename)('node:fs') as Record<string, (...a: unknown[]) => unknown>;
    const names = ['existsSync', 'statSync', 'lstatSync', 'accessSync', 'readFileSync', 'openSync', 'realpathSync', 'readdirSync'];
    const originals = names.map((n) => fsm[n]);
    names.forEach((n, i) => {
      fsm[n] = (...args: unknown[]) => {
        touched.push(String(args[0]));
        return originals[i](...args);
      };
    });
    try {
      const check = createFsLinkChecker(root);
      const targets = ['../../etc/passwd', '/etc/passwd', 'file:///etc/passwd', '..%2F..%2F..%2Fetc%2Fpasswd', '..\\..\\etc\\passwd', 'evidence/../../../etc/shadow', '%2e%2e/%2e%2e/etc/passwd', 'C:\\Windows\\win.ini'];
      const results = targets.map((t) => [t, check('reports/r.md', t)]);
      assert.deepEqual(results.filter(([, r]) => r === 'ok'), [], JSON.stringify(results));
    } finally {
      names.forEach((n, i) => (fsm[n] = originals[i]));
    }
    const base = resolve(root);
    assert.ok(touched.includes(join(base, 'etc', 'passwd')), `the spy saw the checks inside the workspace: ${JSON.stringify(touched)}`);
    const outside = touched.filter((p) => p !== base && !p.startsWith(base + sep));
    assert.deepEqual(outside, [], 'paths looked at outside the workspace');
  });

  it('a scheme or config file is data: prototype keys do not pollute, code strings never run', () => {
    const evil = `{"id":"p","extends":"gbt27922-2011","__proto__":{"polluted":"scheme"},"constructor":{"prototype":{"polluted":"ctor"}},"items":[{"id":"5.1.1.1","points":2,"__proto__":{"polluted":"item"}}],"toString":"function(){process.exit(1)}"}`;
    const r = loadSchemeText(evil, '/virtual/p.scheme.json');
    const c = loadConfigText(`{"__proto__":{"polluted":"config"},"severity":{"__proto__":{"polluted":"sev"},"constructor":"off"},"scheme":"gbt27922-2011"}`, '/virtual/gbt27922.config.json');
    const e = loadSchemeText(EVIL_SCHEME, '/virtual/evil.scheme.json');
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype not polluted');
    assert.equal((Object.prototype as Record<string, unknown>).polluted, undefined);
    assert.ok(!fs.existsSync(PWNED), 'no code from a scheme ran');
    // The scheme is refused, naming each key the schema does not allow (none of them is used).
    assert.equal(r.ok, false);
    if (!r.ok) {
      assert.deepEqual(
        r.problems.map((p) => `${p.path} ${p.message}`),
        ['/ unknown property "__proto__"', '/ unknown property "constructor"', '/ unknown property "toString"', '/items/0 unknown property "__proto__"'].map((x) => x.replace(/^\/ /, ' ')),
      );
    }
    // The config keeps its good setting; the prototype keys are reported, none becomes a severity.
    assert.equal(c.config.scheme, 'gbt27922-2011');
    assert.deepEqual(Object.keys(c.config.severity), []);
    assert.equal(Object.getPrototypeOf(c.config.severity), Object.prototype);
    assert.deepEqual(
      c.problems.map((p) => `${p.path} ${p.message.split(';')[0]}`),
      [' unknown setting "__proto__"', '/severity/__proto__ unknown problem code "__proto__"', '/severity/constructor unknown problem code "constructor"'],
    );
    assert.ok(e.ok, 'a hostile but valid scheme loads as data');
    if (e.ok) assert.ok(e.scheme.itemById.get('5.4.1.1')!.requirement.includes('process.exit'), 'the code string is kept as text');
  });

  it('over LSP the hostile scheme is used as data and the server is unharmed', () => {
    assert.equal(payload.scheme.id, 'evil');
    assert.ok(!fs.existsSync(PWNED));
    assert.ok(client.isRunning);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

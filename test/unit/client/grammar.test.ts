/**
 * The TextMate injection grammar (syntaxes/gbt27922.injection.tmLanguage.json):
 * - always: valid JSON, wired in the manifest, every regex valid and free of Oniguruma-only
 *   syntax, and a line-by-line tokenisation with a JavaScript re-implementation of match rules;
 * - when a real vscode-textmate + vscode-oniguruma and VS Code's Markdown grammar are on disk
 *   (the code-server that scripts/vscode-env.sh installs, or GBT_TEXTMATE_VSCODE_DIR), the same
 *   lines through the real engine, injected into the real Markdown grammar — which is the only
 *   way to check the injection selector (nothing highlighted in code spans, code blocks or
 *   front matter). Skipped, and said so, when that VS Code is not there.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkGrammar, scopesOf, tokenizeLine, type Grammar } from './textmateLite';

const REPO = path.resolve(__dirname, '..', '..', '..');
const GRAMMAR_FILE = path.join(REPO, 'syntaxes', 'gbt27922.injection.tmLanguage.json');
const grammar = JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8')) as Grammar;

const TAG = 'meta.tag.clause.gbt27922';
const ID = 'constant.other.clause-id.gbt27922';
const PERCENT = 'constant.numeric.score.percent.gbt27922';
const FRACTION = 'constant.numeric.score.fraction.gbt27922';
const POINTS = 'constant.numeric.score.points.gbt27922';
const NA = 'keyword.other.not-applicable.gbt27922';
const DEDUCTION = 'keyword.other.special.deduction.gbt27922';
const BONUS = 'keyword.other.special.bonus.gbt27922';
const EVIDENCE = 'keyword.other.evidence.gbt27922';
const RANGE = 'keyword.operator.range.gbt27922';
const COMMENT_KEY = 'keyword.other.clause-comment.gbt27922';

/** [line, piece, scope it must carry ('' = none of ours)]. Shared by both engines. */
const CASES: [string, string, string][] = [
  ['- [5.1.2.2] 80% 配置售后服务管理师 2 名。证据：人员名册 HR-03', '5.1.2.2', ID],
  ['- [5.1.2.2] 80% 配置售后服务管理师 2 名。证据：人员名册 HR-03', '80%', PERCENT],
  ['- [5.1.2.2] 80% 配置售后服务管理师 2 名。证据：人员名册 HR-03', '证据', EVIDENCE],
  ['- [5.1.2.2] 80% 配置售后服务管理师 2 名。证据：人员名册 HR-03', '[', TAG],
  ['- [5.1.2.2] 80% 配置售后服务管理师 2 名。证据：人员名册 HR-03', '2 名', ''],
  ['- 【５．１．２．１】 ４分 full-width', '５．１．２．１', ID],
  ['- ［５．２．４．１］ 90% full-width square brackets', '５．２．４．１', ID],
  ['## 报修 【５．２．４．１－５．２．４．３】', '－', RANGE],
  ['- ［扣分］ 重大投诉', '扣分', DEDUCTION],
  ['- [5.1.2.3] 4/5 evidence: roster', '4/5', FRACTION],
  ['- [5.1.2.3] 3.5分 Evidence: roster', '3.5分', POINTS],
  ['- [5.2.5.5] 不适用（生产型企业不涉及）', '不适用', NA],
  ['- [5.2.5.5] N/A not a retailer', 'N/A', NA],
  ['### 服务网点 【5.2.2.1、5.2.2.2】', '5.2.2.2', ID],
  ['### 服务网点 【5.2.2.1、5.2.2.2】', '【', 'punctuation.definition.tag.begin.gbt27922'],
  ['## 服务承诺 [5.2.2.1-5.2.2.4]', '-', RANGE],
  ['## 服务承诺 [5.2.2.1-5.2.2.4]', '5.2.2.4', ID],
  ['| [5.3.1.1] | 60% | 现场抽查 |', '5.3.1.1', ID],
  ['| [5.3.1.1] | 60% | 现场抽查 |', '60%', PERCENT],
  ['- [扣分] 审核期间发生重大投诉。证据：投诉记录', '扣分', DEDUCTION],
  ['- [特别加分] 获得省级服务奖项', '特别加分', BONUS],
  ['- [bonus] national award', 'bonus', BONUS],
  ['- [deduction] major complaint', 'deduction', DEDUCTION],
  ['文本 <!-- clause: 5.1.2.2, 5.1.2.3 --> 继续', 'clause', COMMENT_KEY],
  ['文本 <!-- clause: 5.1.2.2, 5.1.2.3 --> 继续', '5.1.2.3', ID],
  // a Markdown link whose text looks like an ID is a link, not a tag
  ['see [5.1.2.2](manual/a.md) for details', '5.1.2.2', ''],
  // a version number in prose is not a tag
  ['Version 5.1.2 of the tool', '5.1.2', ''],
  // a percentage in prose (not right after a tag) is not a score
  ['满意度达到 95% 以上', '95%', ''],
];

/** Lines where the Markdown context must switch our scopes off (real engine only). */
const CONTEXT_CASES: { lines: string[]; line: number; piece: string; scope: string }[] = [
  { lines: ['Inline `[5.1.2.2] 80%` code'], line: 0, piece: '5.1.2.2', scope: '' },
  { lines: ['```', '- [5.1.2.2] 80% in a fence', '```'], line: 1, piece: '5.1.2.2', scope: '' },
  { lines: ['Text', '', '    - [5.1.2.2] indented code', ''], line: 2, piece: '5.1.2.2', scope: '' },
  { lines: ['---', 'clauses: [5.1.2.2]', '---', '# [5.1.2.2] heading'], line: 1, piece: '5.1.2.2', scope: '' },
  { lines: ['---', 'type: manual', '---', '# 人员 [5.1.2.2]'], line: 3, piece: '5.1.2.2', scope: ID },
  { lines: ['<!-- clause: 5.1.2.2 -->'], line: 0, piece: '5.1.2.2', scope: ID },
  { lines: ['> 引用 [5.1.2.2]'], line: 0, piece: '5.1.2.2', scope: ID },
  { lines: ['1. **加粗** [5.1.2.2] 100% 证据：制度'], line: 0, piece: '100%', scope: PERCENT },
];

function has(scopes: string[], scope: string): boolean {
  return scope === '' ? !scopes.some((s) => s.endsWith('.gbt27922')) : scopes.includes(scope);
}

describe('TextMate injection grammar', () => {
  it('is wired in the manifest as an injection into Markdown, with its file present', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
      contributes: { grammars: { scopeName: string; path: string; injectTo?: string[] }[] };
    };
    const entry = pkg.contributes.grammars.find((g) => g.scopeName === grammar.scopeName);
    assert.ok(entry, `no contributes.grammars entry for ${grammar.scopeName}`);
    assert.deepEqual(entry.injectTo, ['text.html.markdown']);
    assert.equal(path.resolve(REPO, entry.path), GRAMMAR_FILE);
    assert.match(grammar.injectionSelector ?? '', /^L:text\.html\.markdown\b/);
    for (const excluded of ['markup.fenced_code', 'markup.inline.raw', 'markup.raw', 'meta.embedded.block.frontmatter']) {
      assert.ok(grammar.injectionSelector?.includes(`-${excluded}`), `the selector excludes ${excluded}`);
    }
  });

  it('has valid regexes (no Oniguruma-only syntax) and every include resolves', () => {
    const { rules, regexes } = checkGrammar(grammar);
    assert.ok(rules >= 6 && regexes >= 10, `rules ${rules}, regexes ${regexes}`);
  });

  it('gives every scope name our suffix, so themes and tests can tell ours apart', () => {
    const bad: string[] = [];
    const visit = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') {
        for (const [k, x] of Object.entries(v)) {
          if (k === 'name' && typeof x === 'string' && !x.split(/\s+/).some((s) => s.endsWith('.gbt27922'))) bad.push(x);
          visit(x);
        }
      }
    };
    visit(grammar.repository);
    // punctuation of the HTML comment keeps the HTML scopes; its rule carries meta.clause-comment.gbt27922
    assert.deepEqual(bad.filter((n) => !n.endsWith('.html')), []);
  });

  describe('tokenisation (JavaScript match-rule engine)', () => {
    for (const [line, piece, scope] of CASES) {
      it(`${JSON.stringify(piece)} in ${JSON.stringify(line)} → ${scope || 'not ours'}`, () => {
        const scopes = scopesOf(tokenizeLine(grammar, line), line, piece);
        assert.ok(has(scopes, scope), `scopes: ${scopes.join(' ') || '(none)'}`);
      });
    }
  });

  describe('tokenisation in the real TextMate engine with VS Code’s Markdown grammar', function () {
    const engine = findEngine();
    let tm: RealTokenizer | undefined;
    before(async function () {
      if (!engine) {
        console.log('      (skipped: no vscode-textmate/vscode-oniguruma/markdown grammar on disk; run scripts/vscode-env.sh or set GBT_TEXTMATE_VSCODE_DIR)');
        this.skip();
      }
      tm = await loadRealTokenizer(engine);
    });
    for (const [line, piece, scope] of CASES) {
      it(`${JSON.stringify(piece)} in ${JSON.stringify(line)} → ${scope || 'not ours'}`, () => {
        const scopes = tm!.scopesAt([line], 0, piece);
        assert.ok(has(scopes, scope), `scopes: ${scopes.join(' ')}`);
      });
    }
    for (const c of CONTEXT_CASES) {
      it(`${JSON.stringify(c.piece)} in ${JSON.stringify(c.lines.join('⏎'))} → ${c.scope || 'not ours'}`, () => {
        const scopes = tm!.scopesAt(c.lines, c.line, c.piece);
        assert.ok(has(scopes, c.scope), `scopes: ${scopes.join(' ')}`);
      });
    }
  });
});

// ------------------------------------------------------------------ real engine (optional)

interface Engine {
  textmate: string;
  oniguruma: string;
  markdownGrammar: string;
}

function findEngine(): Engine | undefined {
  const roots: string[] = [];
  if (process.env.GBT_TEXTMATE_VSCODE_DIR) roots.push(process.env.GBT_TEXTMATE_VSCODE_DIR);
  roots.push(REPO);
  const cache = process.env.VSCODE_TEST_CACHE ?? path.join(os.homedir(), '.cache', 'gbt27922-vscode');
  try {
    for (const d of fs.readdirSync(cache)) {
      if (d.startsWith('code-server-')) roots.push(path.join(cache, d, 'node_modules', 'code-server', 'lib', 'vscode'));
    }
  } catch {
    // no cache
  }
  for (const root of roots) {
    const e: Engine = {
      textmate: path.join(root, 'node_modules', 'vscode-textmate'),
      oniguruma: path.join(root, 'node_modules', 'vscode-oniguruma'),
      markdownGrammar: path.join(root, 'extensions', 'markdown-basics', 'syntaxes', 'markdown.tmLanguage.json'),
    };
    if (fs.existsSync(e.textmate) && fs.existsSync(path.join(e.oniguruma, 'release', 'onig.wasm')) && fs.existsSync(e.markdownGrammar)) return e;
  }
  return undefined;
}

interface RealTokenizer {
  scopesAt(lines: string[], lineNo: number, piece: string): string[];
}

interface TmToken {
  startIndex: number;
  endIndex: number;
  scopes: string[];
}
interface TmGrammar {
  tokenizeLine(line: string, stack: unknown): { tokens: TmToken[]; ruleStack: unknown };
}

async function loadRealTokenizer(e: Engine | undefined): Promise<RealTokenizer> {
  if (!e) throw new Error('no engine');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const onig = require(e.oniguruma) as {
    loadWASM(data: ArrayBuffer): Promise<void>;
    OnigScanner: new (p: string[]) => unknown;
    OnigString: new (s: string) => unknown;
  };
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const vsctm = require(e.textmate) as {
    Registry: new (o: unknown) => { loadGrammar(scope: string): Promise<TmGrammar | null> };
    INITIAL: unknown;
  };
  // Markdown plus what decides our context: YAML (front matter) and HTML (comments, inline HTML).
  const others = new Map<string, string>([['text.html.markdown', e.markdownGrammar]]);
  const extensionsDir = path.resolve(e.markdownGrammar, '..', '..', '..');
  for (const ext of ['yaml', 'html']) {
    const dir = path.join(extensionsDir, ext, 'syntaxes');
    if (!fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((n) => n.endsWith('.json'))) {
      const scope = (JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')) as { scopeName?: string }).scopeName;
      if (scope && !others.has(scope)) others.set(scope, path.join(dir, f));
    }
  }
  const wasm = fs.readFileSync(path.join(e.oniguruma, 'release', 'onig.wasm'));
  await onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (p: string[]) => new onig.OnigScanner(p),
      createOnigString: (s: string) => new onig.OnigString(s),
    }),
    loadGrammar: async (scope: string) => {
      if (scope === grammar.scopeName) return JSON.parse(fs.readFileSync(GRAMMAR_FILE, 'utf8'));
      const file = others.get(scope);
      return file ? JSON.parse(fs.readFileSync(file, 'utf8')) : null; // other embedded languages do not matter here
    },
    getInjections: (scope: string) => (scope === 'text.html.markdown' ? [grammar.scopeName] : undefined),
  });
  const md = await registry.loadGrammar('text.html.markdown');
  if (!md) throw new Error('the Markdown grammar did not load');
  return {
    scopesAt(lines, lineNo, piece) {
      let stack = vsctm.INITIAL;
      let tokens: TmToken[] = [];
      for (let i = 0; i <= lineNo; i++) {
        const r = md.tokenizeLine(lines[i], stack);
        stack = r.ruleStack;
        tokens = r.tokens;
      }
      const line = lines[lineNo];
      const at = line.indexOf(piece);
      if (at < 0) throw new Error(`${piece} not in ${line}`);
      const t = tokens.find((tk) => tk.startIndex <= at && at < tk.endIndex);
      if (!t) return [];
      if (t.startIndex !== at || t.endIndex !== at + piece.length) return [...t.scopes, `(token is ${JSON.stringify(line.slice(t.startIndex, t.endIndex))})`];
      return t.scopes;
    },
  };
}

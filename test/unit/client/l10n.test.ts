/**
 * UI text in English and Chinese: every message the client passes to l10n has a Chinese entry
 * in l10n/bundle.l10n.zh-cn.json with the same placeholders (and no entry is left over from a
 * string that no longer exists); every %key% of the manifest is in package.nls.json and
 * package.nls.zh-cn.json, and those hold no unused keys.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { placeholders, scanL10n } from './l10nStrings';

const REPO = path.resolve(__dirname, '..', '..', '..');
const readJson = <T>(rel: string): T => JSON.parse(fs.readFileSync(path.join(REPO, rel), 'utf8')) as T;
const CJK = /[\u3400-\u9fff]/;

describe('l10n: client strings', () => {
  const scan = scanL10n(path.join(REPO, 'client', 'src'));
  const used = new Map<string, string>();
  for (const s of scan.strings) if (!used.has(s.text)) used.set(s.text, `${s.file}:${s.line}`);
  const zh = readJson<Record<string, string>>('l10n/bundle.l10n.zh-cn.json');

  it('finds the client’s messages (the scan itself works)', () => {
    assert.ok(used.size >= 50, `only ${used.size} messages found`);
    assert.ok(used.has('Open Score Panel') || used.has('GB/T 27922 Score'), 'a known message is found');
  });

  it('passes only string literals to l10n (a computed message can never be translated)', () => {
    assert.deepEqual(scan.dynamic.map((d) => `${d.file}:${d.line} ${d.text}`), []);
  });

  it('has a Chinese translation for every message, with the same placeholders', () => {
    const missing = [...used].filter(([text]) => !(text in zh)).map(([text, where]) => `${where} ${JSON.stringify(text)}`);
    assert.deepEqual(missing, [], 'messages without a zh-cn entry');
    const mismatched = [...used.keys()].filter((k) => k in zh && placeholders(k).join() !== placeholders(zh[k]).join());
    assert.deepEqual(mismatched, [], 'placeholders differ');
    const untranslated = [...used.keys()].filter((k) => k in zh && !CJK.test(zh[k]));
    assert.deepEqual(untranslated, [], 'entries left in English');
  });

  it('names each message once in the Chinese bundle (a merge can leave a second copy that JSON.parse hides)', () => {
    const keys = [...fs.readFileSync(path.join(REPO, 'l10n/bundle.l10n.zh-cn.json'), 'utf8').matchAll(/^\s*("(?:[^"\\]|\\.)*")\s*:/gm)].map((m) => JSON.parse(m[1]) as string);
    assert.equal(keys.length, Object.keys(zh).length, 'every line-leading key is one entry');
    assert.deepEqual(keys.filter((k, i) => keys.indexOf(k) !== i), []);
  });

  it('has no stale entries in the Chinese bundle', () => {
    assert.deepEqual(Object.keys(zh).filter((k) => !used.has(k)), []);
  });
});

describe('l10n: manifest strings', () => {
  const manifest = fs.readFileSync(path.join(REPO, 'package.json'), 'utf8');
  const keys = new Set([...manifest.matchAll(/"%([^"%]+)%"/g)].map((m) => m[1]));
  const en = readJson<Record<string, string>>('package.nls.json');
  const zh = readJson<Record<string, string>>('package.nls.zh-cn.json');

  it('names the l10n folder and it exists', () => {
    const pkg = JSON.parse(manifest) as { l10n?: string };
    assert.equal(pkg.l10n, './l10n');
    assert.ok(fs.existsSync(path.join(REPO, 'l10n', 'bundle.l10n.zh-cn.json')));
  });

  it('every %key% is defined in English and Chinese', () => {
    assert.ok(keys.size >= 10, `only ${keys.size} keys`);
    assert.deepEqual([...keys].filter((k) => !(k in en)), [], 'missing from package.nls.json');
    assert.deepEqual([...keys].filter((k) => !(k in zh)), [], 'missing from package.nls.zh-cn.json');
  });

  it('no unused keys, Chinese really Chinese, command links and placeholders kept', () => {
    assert.deepEqual(Object.keys(en).filter((k) => !keys.has(k)), [], 'unused in package.nls.json');
    assert.deepEqual(Object.keys(zh).filter((k) => !keys.has(k)), [], 'unused in package.nls.zh-cn.json');
    for (const k of Object.keys(en)) {
      if (!(k in zh)) continue;
      if (k !== 'category' && k !== 'viewsContainer.title' && k !== 'config.title') assert.match(zh[k], CJK, `${k} is translated`);
      const links = (s: string) => [...s.matchAll(/\]\((command:[^)]+)\)/g)].map((m) => m[1]).sort();
      assert.deepEqual(links(zh[k]), links(en[k]), `${k}: same command links`);
      const code = (s: string) => [...s.matchAll(/`([^`]+)`/g)].map((m) => m[1]).sort();
      assert.deepEqual(code(zh[k]), code(en[k]), `${k}: same code spans`);
    }
  });
});

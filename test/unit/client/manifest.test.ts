/**
 * The manifest and the client agree: every command the client registers is contributed (with a
 * localised title) and every contributed command is registered; activation events, menus and
 * views name things that exist; IDs the client shares with the server are the server's.
 * Read from the sources (the client modules import `vscode`, which only the extension host has).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { INSERT_STUBS_KIND } from '../../../server/src/features/codeActions';
import { PROBLEMS } from '../../../server/src/model/problems';

const REPO = path.resolve(__dirname, '..', '..', '..');
const read = (rel: string) => fs.readFileSync(path.join(REPO, rel), 'utf8');

interface Manifest {
  main: string;
  activationEvents: string[];
  contributes: {
    commands: { command: string; title: string; category?: string }[];
    menus: Record<string, { command: string; when?: string }[]>;
    views: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, unknown> };
  };
}

const pkg = JSON.parse(read('package.json')) as Manifest;
const clientSources = (() => {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) out.push(fs.readFileSync(p, 'utf8'));
    }
  };
  walk(path.join(REPO, 'client', 'src'));
  return out.join('\n');
})();

/** Command IDs the client registers: string values of the COMMANDS, TEST_COMMANDS, WORD_COMMANDS … tables. */
function registeredCommands(): Set<string> {
  const ids = new Set<string>();
  for (const table of clientSources.matchAll(/export const (?:[A-Z]+_)?COMMANDS = \{([\s\S]*?)\} as const;/g)) {
    for (const m of table[1].matchAll(/'(gbt27922\.[\w.]+)'/g)) ids.add(m[1]);
  }
  return ids;
}

describe('manifest ↔ client', () => {
  const contributed = new Set(pkg.contributes.commands.map((c) => c.command));
  const registered = registeredCommands();

  it('registers every contributed command, and contributes every registered one', () => {
    assert.ok(registered.size >= 10, `found ${registered.size} registered commands`);
    assert.deepEqual([...contributed].filter((c) => !registered.has(c)), [], 'contributed, never registered');
    assert.deepEqual([...registered].filter((c) => !contributed.has(c)), [], 'registered, not contributed');
  });

  it('gives every command a localised title and category', () => {
    for (const c of pkg.contributes.commands) {
      assert.match(c.title, /^%[\w.]+%$/, `${c.command} title`);
      assert.equal(c.category, '%category%', `${c.command} category`);
    }
  });

  it('activates on Markdown, on the project files and on its own commands/views only', () => {
    const ev = pkg.activationEvents;
    assert.ok(ev.includes('onLanguage:markdown'));
    assert.ok(ev.includes('workspaceContains:**/gbt27922.config.json'));
    assert.ok(ev.includes('workspaceContains:**/*.scheme.json'));
    assert.ok(!ev.includes('*') && !ev.includes('onStartupFinished'), 'no eager activation');
    for (const e of ev.filter((x) => x.startsWith('onCommand:'))) assert.ok(contributed.has(e.slice('onCommand:'.length)), e);
    const views = new Set(Object.values(pkg.contributes.views).flatMap((v) => v.map((x) => x.id)));
    for (const e of ev.filter((x) => x.startsWith('onView:'))) assert.ok(views.has(e.slice('onView:'.length)), e);
    assert.ok(ev.includes('onWebviewPanel:gbt27922.scorePanel') && clientSources.includes("'gbt27922.scorePanel'"), 'the panel is restored after a reload');
  });

  it('menus name contributed commands; test-only commands stay out of the palette', () => {
    for (const [menu, entries] of Object.entries(pkg.contributes.menus)) {
      for (const e of entries) assert.ok(contributed.has(e.command), `${menu}: ${e.command}`);
    }
    const hidden = new Set(pkg.contributes.menus.commandPalette.filter((e) => e.when === 'false').map((e) => e.command));
    for (const c of contributed) if (c.startsWith('gbt27922.test.')) assert.ok(hidden.has(c), `${c} is hidden from the palette`);
  });

  it('the view, context key and settings the client uses exist in the manifest', () => {
    const views = Object.values(pkg.contributes.views).flatMap((v) => v.map((x) => x.id));
    assert.ok(views.includes('gbt27922.catalog') && clientSources.includes("'gbt27922.catalog'"));
    assert.ok(clientSources.includes("'gbt27922.activeKind'"), 'the client sets the context key the menus use');
    for (const key of clientSources.matchAll(/cfg\.get<[^>]+>\('(\w+)'\)/g)) {
      assert.ok(`gbt27922.${key[1]}` in pkg.contributes.configuration.properties, `setting gbt27922.${key[1]}`);
    }
  });

  it('the gbt27922.severity setting names every problem code (and only those), each with the five levels', () => {
    const setting = pkg.contributes.configuration.properties['gbt27922.severity'] as { properties: Record<string, { enum: string[] }>; additionalProperties: boolean };
    assert.deepEqual(Object.keys(setting.properties).sort(), Object.keys(PROBLEMS).sort());
    for (const [code, p] of Object.entries(setting.properties)) assert.deepEqual(p.enum, ['error', 'warning', 'information', 'hint', 'off'], code);
    assert.equal(setting.additionalProperties, false);
    for (const code of ['nc-duplicate-id', 'nc-unknown-clause', 'nc-overdue', 'nc-no-action', 'nc-full-score', 'nc-not-followed-up', 'surveillance-late']) assert.ok(code in setting.properties, code);
  });

  it('gbt27922.asOfDate: a YYYY-MM-DD date or empty (today)', () => {
    const asOf = pkg.contributes.configuration.properties['gbt27922.asOfDate'] as { type: string; pattern: string; markdownDescription: string };
    assert.equal(asOf.type, 'string');
    assert.ok(new RegExp(asOf.pattern).test('2027-06-30') && new RegExp(asOf.pattern).test('') && !new RegExp(asOf.pattern).test('June'));
    assert.equal(asOf.markdownDescription, '%config.asOfDate%');
  });

  it('uses the server’s code action kind for "insert stubs for all uncovered items"', () => {
    const m = /export const INSERT_STUBS_KIND = '([^']+)'/.exec(clientSources);
    assert.equal(m?.[1], INSERT_STUBS_KIND);
  });

  it('starts the bundled server module the build writes', () => {
    assert.ok(clientSources.includes("context.asAbsolutePath('dist/server.js')"));
    assert.equal(pkg.main, './dist/extension.js');
    assert.match(read('scripts/build.mjs'), /out: 'server'/);
  });
});

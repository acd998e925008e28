/**
 * What we print must not be a command (issue 20, items 6–8): a repository's file names and a
 * custom scheme's texts (tier names, gate descriptions, item titles) carry line breaks, forged
 * GitHub workflow commands, Markdown and terminal escapes. Each format is read the way its
 * consumer reads it: the GitHub runner's line-by-line command parser, a Markdown renderer (remark
 * with GFM, as GitHub renders a job summary), a terminal.
 */
/* eslint-disable no-control-regex -- these tests look for control characters */
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkGfm from 'remark-gfm';
import { HOSTILE_NAMES, writeHostileNames } from '../fixtures/hostile/hostile';
import { json, makeTree, removeTree, run } from './helpers';

/**
 * The workflow commands a GitHub runner would execute from this output: every line (split at
 * CR, LF or CRLF) that starts with `::` (after any leading white space), except inside a
 * `::stop-commands::TOKEN` … `::TOKEN::` block.
 */
function runnerCommands(output: string): string[] {
  const commands: string[] = [];
  let stopped: string | undefined;
  for (const raw of output.split(/\r\n|\r|\n/)) {
    const line = raw.trimStart();
    if (stopped !== undefined) {
      if (line === `::${stopped}::`) stopped = undefined;
      continue;
    }
    if (!line.startsWith('::')) continue;
    const stop = /^::stop-commands::(.*)$/.exec(line);
    if (stop) stopped = stop[1];
    commands.push(line);
  }
  return commands;
}

interface MdNode {
  type: string;
  depth?: number;
  value?: string;
  children?: MdNode[];
}

function mdNodes(markdown: string): MdNode[] {
  const out: MdNode[] = [];
  const visit = (n: MdNode) => {
    out.push(n);
    for (const c of n.children ?? []) visit(c);
  };
  visit(unified().use(remarkParse).use(remarkGfm).parse(markdown) as MdNode);
  return out;
}

const text = (n: MdNode): string => (n.value ?? '') + (n.children ?? []).map(text).join('');

/** ESC, other C0 controls but TAB/LF, DEL, C1, and bidi controls. */
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('cli: printing a hostile repository (issue 20, items 6–8)', () => {
  let root: string;
  before(() => {
    root = makeTree({});
    writeHostileNames(root, { scheme: true });
  });
  after(() => removeTree(root));

  it('the repository really is hostile: JSON names every file exactly, and the scheme texts are in it', () => {
    const r = json(run(['check', '.', '-f', 'json'], { cwd: root }));
    const files = r.files.map((f) => f.file).sort();
    assert.deepEqual(files, Object.values(HOSTILE_NAMES).sort());
    assert.ok(r.audits.every((a) => a.failedGates.some((g) => g.description.includes('::add-mask::'))), 'every report fails the hostile gate');
    assert.ok(r.audits.every((a) => a.star.includes('\n::warning file=README.md')), 'every report reaches the hostile tier name');
    assert.ok(r.problems.length >= 4);
  });

  it('--format github: the only workflow commands are our annotations (one per problem, for the real files) and our stop/resume pair', () => {
    const r = run(['check', '.', '-f', 'github'], { cwd: root });
    const problems = json(run(['check', '.', '-f', 'json'], { cwd: root })).problems;
    const commands = runnerCommands(r.stdout + '\n' + r.stderr);
    const annotations = commands.filter((c) => /^::(error|warning|notice) /.test(c));
    assert.equal(annotations.length, problems.length, commands.slice(0, 5).join('\n'));
    // The runner unescapes %25, %0D, %0A, %3A and %2C in properties; a name with control characters is shown escaped.
    const unescape = (v: string) => v.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
    for (const [i, a] of annotations.entries()) {
      const file = unescape(/file=([^,]*),/.exec(a)![1]);
      const shown = problems[i].file.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/g, (c) =>
        c === '\n' ? '\\n' : c.charCodeAt(0) < 256 ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}` : `\\u${c.charCodeAt(0).toString(16)}`,
      );
      assert.equal(file, shown, a.slice(0, 300));
    }
    const others = commands.filter((c) => !annotations.includes(c));
    assert.equal(others.length, 1, `only ::stop-commands:: besides the annotations:\n${others.join('\n')}`);
    assert.match(others[0], /^::stop-commands::gbt27922-[0-9a-f]{32}$/);
    const forged = commands.filter((c) => /^::(add-mask|error file=README|warning file=README)/.test(c));
    assert.deepEqual(forged, []);
    // The summary is still in the log, readable, every line ours, the scheme's texts in it inert.
    assert.match(r.stdout, /^Result: fail$/m);
    assert.ok(r.stdout.includes('Four\\n::warning file=README.md,line=1::Approved\\n::stop-commands::pwn'), 'the tier name is printed, escaped');
    assert.ok(r.stdout.includes('gate failed: Stamp\\n::add-mask::x'), 'the gate description is printed, escaped');
    assert.ok(!CONTROL.test(r.stdout.replace(/\n/g, '')), 'no control character in the log');
  });

  it('--format markdown and the step summary: the renderer sees our one heading, no image, no HTML, the file names as code', () => {
    const summary = path.join(makeTree({}), 'summary.md');
    const r = run(['check', '.', '-f', 'markdown', '--summary-file', summary], { cwd: root });
    for (const md of [r.stdout, fs.readFileSync(summary, 'utf8')]) {
      const nodes = mdNodes(md);
      const headings = nodes.filter((n) => n.type === 'heading');
      assert.deepEqual(headings.map(text), ['❌ GB/T 27922 check: fail'], md.slice(0, 1500));
      const ours = new Set(['<details><summary>Problems (', '</details>']);
      const forged = nodes.filter((n) => n.type === 'image' || n.type === 'imageReference' || (n.type === 'html' && ![...ours].some((o) => n.value!.startsWith(o))));
      assert.deepEqual(forged.map((n) => n.value ?? text(n)), [], md.slice(0, 1500));
      // A URL in a scheme text may be linked by GFM, but only as itself (no hidden target, no reference link).
      for (const n of nodes.filter((x) => x.type === 'link' || x.type === 'linkReference')) assert.equal((n as MdNode & { url?: string }).url, text(n));
      // Each report is one table row whose file name is one code span.
      const codes = nodes.filter((n) => n.type === 'inlineCode').map((n) => n.value!);
      assert.ok(codes.some((c) => c.includes('## ✅ Check passed') && c.includes('``')), codes.slice(0, 10).join('\n'));
      assert.ok(!CONTROL.test(md.replace(/\n/g, '')), 'no control character in the Markdown');
    }
  });

  it('text in a terminal: no escape sequence but our colours, no bidi control, one line per problem', () => {
    for (const color of [false, true]) {
      const r = run(['check', '.', ...(color ? ['--color'] : [])], { cwd: root });
      const out = r.stdout + r.stderr;
      // Our colours are SGR sequences ESC [ … m; anything else (OSC title, clear screen, conceal) is forged.
      const sequences = out.match(/\u001b[^m]*m?/g) ?? [];
      for (const s of sequences) assert.match(s, /^\u001b\[(?:[0-9;]*)m$/, JSON.stringify(s));
      assert.ok(!sequences.some((s) => s === '\u001b[8m' || s === '\u001b[2J'), 'no concealed text, no cleared screen');
      assert.ok(!CONTROL.test(out.replace(/\u001b\[[0-9;]*m/g, '').replace(/\n/g, '')), JSON.stringify(out));
      // The hostile names are shown, escaped, on their own problem lines.
      assert.ok(out.includes('e\\x1b]0;pwned\\x07\\x1b[2J\\x1b[8mhidden\\u202eevil.md'), out.slice(0, 1500));
      assert.ok(out.includes('r\\n::warning file=README.md,line=1::Approved\\n.md'), out.slice(0, 1500));
    }
  });

  it('score and catalog print the scheme texts as inert text too; their JSON keeps them exact', () => {
    const scored = run(['score', HOSTILE_NAMES.terminal], { cwd: root });
    assert.ok(!CONTROL.test((scored.stdout + scored.stderr).replace(/\n/g, '')), JSON.stringify(scored.stdout));
    for (const format of ['text', 'markdown']) {
      const cat = run(['catalog', '-f', format], { cwd: root });
      assert.equal(cat.code, 0, cat.stderr);
      assert.ok(cat.stdout.includes('Evil\\n::add-mask::gbt27922\\x1b]0;pwned\\x07') || cat.stdout.includes('Evil\\\\n::add-mask::gbt27922\\\\x1b\\]0;pwned\\\\x07'), cat.stdout.slice(0, 400));
      for (const line of cat.stdout.split('\n')) assert.ok(!line.trimStart().startsWith('::'), line);
      assert.ok(!CONTROL.test(cat.stdout.replace(/\n/g, '')));
    }
    const exact = JSON.parse(run(['catalog', '-f', 'json'], { cwd: root }).stdout);
    assert.equal(exact.items.find((i: { id: string }) => i.id === '5.1.1.1').title, 'Org\n::error file=README.md,line=1::Forged\u001b[2J');
  });

  it('error messages on stderr quote repository text inert (a config key with a line break)', () => {
    const t = makeTree({ 'gbt27922.config.json': '{"sch\\n::error::forged\\u001b[2J": 1}', 'a.md': '# x\n' });
    try {
      const r = run(['check', '.'], { cwd: t });
      assert.equal(r.code, 2);
      assert.deepEqual(runnerCommands(r.stderr), [], r.stderr);
      assert.ok(!CONTROL.test(r.stderr.replace(/\n/g, '')), JSON.stringify(r.stderr));
      assert.match(r.stderr, /sch\\n::error::forged\\x1b\[2J/);
    } finally {
      removeTree(t);
    }
  });
});

import { strict as assert } from 'node:assert';
import picomatch from 'picomatch';
import { globProblem, MAX_GLOB_LENGTH, safeMatcher } from '../../../server/src/config/globs';
import { loadConfigText } from '../../../server/src/config/config';

describe('config globs (issue 20, item 2)', () => {
  it('ordinary globs pass', () => {
    for (const g of ['**/*.md', '**/*.{md,markdown}', '**/node_modules/**', 'docs/**/report-*.md', '!drafts/**', 'a/[abc]?/*.md', '审核/**/*报告*.md', 'c\\(1\\).md', '[(]draft[)]*.md']) {
      assert.equal(globProblem(g), undefined, g);
    }
  });

  it('globs that backtrack, overflow or use groups are refused with a reason', () => {
    const cases: [string, RegExp][] = [
      ['**/*a*a*a*a*a*b.md', /has 6 "\*"; at most 3/],
      ['**/+(a|aa).md', /group or extglob/],
      ['**/(a|aa)+.md', /group or extglob/],
      ['**/{a,aa}+.md', /repeats a group/],
      ['**/[a]+.md', /repeats a group/],
      ['**/{a,{b,c}}.md', /nested braces/],
      ['**/a/**/b/**/c/**/d/**/*.md', /"\*\*"; at most 4/],
      ['{a,b}{c,d}{e,f}{g,h}{i,j}.md', /more than 4 brace groups/],
      ['a'.repeat(70000), /70000 characters long; at most 256/],
    ];
    for (const [g, why] of cases) assert.match(globProblem(g) ?? 'accepted', why, g.slice(0, 40));
  });

  it('within the limits even adversarial globs match a 250-character name fast (they did not before: picomatch alone)', () => {
    const name = `docs/${'a'.repeat(250)}.md`;
    const adversarial = ['**/*a*a*a*b.md', '**/*a*a*b.md', '**/?*?*?*b.md', '**/{a,aa}{a,aa}{a,aa}{a,aa}*b.md', '**/**/**/**/*a*a*b.md', `**/${'a?'.repeat(60)}b*.md`];
    for (const g of adversarial) {
      const accepted = globProblem(g) === undefined;
      const started = process.hrtime.bigint();
      const m = accepted ? picomatch(g) : safeMatcher([g]);
      m(name);
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // A hang check, not a benchmark: the refused ones take seconds to minutes in picomatch.
      assert.ok(ms < 1000, `${g}: ${ms.toFixed(0)} ms`);
    }
    assert.notEqual(globProblem('**/*a*a*a*a*b.md'), undefined, 'four stars in a segment (2 s on this name) are refused');
  });

  it('safeMatcher never throws and ignores the refused globs', () => {
    const m = safeMatcher(['**/*.md', 'x'.repeat(MAX_GLOB_LENGTH + 1), '**/+(a|aa).md']);
    assert.equal(m('a/b.md'), true);
    assert.equal(m('a/b.txt'), false);
    assert.equal(safeMatcher(['(', ')'])('x'), false);
  });

  it('the config reports each refused glob as invalid-config at its position; the others are kept', () => {
    const text = '{\n  "include": ["**/*.md", "**/+(a|aa).md"],\n  "exclude": ["' + 'a'.repeat(300) + '"]\n}\n';
    const r = loadConfigText(text, '/w/gbt27922.config.json');
    assert.deepEqual(
      r.problems.map((p) => [p.path, p.line, p.character]),
      [
        ['/include/1', 1, 25],
        ['/exclude/0', 2, 14],
      ],
    );
    assert.match(r.problems[0].message, /glob not used: "\(" \(a group or extglob\)/);
    assert.deepEqual(r.config.include, ['**/*.md', '**/+(a|aa).md'], 'the list is kept; the refused glob is skipped when matching');
  });
});

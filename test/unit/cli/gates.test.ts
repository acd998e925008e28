/** `--min-star` forms and `--min-coverage` values (issue 18, item 11); the CLI tests run a few of them end to end. */
import { strict as assert } from 'node:assert';
import { findTier, parseCoverage, tierForms } from '../../../server/src/cli/gates';
import { getBuiltinScheme } from '../../../server/src/scheme/loader';

describe('cli gates: the forms people type', () => {
  const scheme = getBuiltinScheme('gbt27922-2011')!;
  const ten = getBuiltinScheme('ten-star')!;

  it('--min-star: ID, name in either language, short Chinese name, number of stars in several spellings', () => {
    const cases: [string, string][] = [
      ['four-star', 'four-star'],
      ['Four stars', 'four-star'],
      ['四星级', 'four-star'],
      ['四星', 'four-star'],
      ['4', 'four-star'],
      ['4星', 'four-star'],
      ['4 stars', 'four-star'],
      ['4-star', 'four-star'],
      ['four', 'four-star'],
      ['达标', 'compliant'],
      ['达标级', 'compliant'],
      ['2', 'compliant'],
      ['三星', 'three-star'],
      ['五星级', 'five-star'],
      [' 5 ', 'five-star'],
    ];
    for (const [value, id] of cases) assert.equal(findTier(scheme, value)?.id, id, value);
    assert.equal(findTier(ten, '十星')?.id, 'ten-star');
    assert.equal(findTier(ten, '10')?.id, 'ten-star');
  });

  it('--min-star: numbers and names no tier has name none', () => {
    for (const value of ['0', '1', '6', '六星', 'seven-star', '', 'star']) assert.equal(findTier(scheme, value), undefined, value);
    assert.equal(tierForms(scheme), 'compliant, 达标级, 达标 or 2; three-star, 三星级, 三星 or 3; four-star, 四星级, 四星 or 4; five-star, 五星级, 五星 or 5');
  });

  it('--min-coverage: 95, 95%, 99.5％, 0 and 100; not above 100, below 0 or words', () => {
    for (const [value, expected] of [['95', '95'], ['95%', '95'], ['99.5％', '99.5'], ['0', '0'], ['100 %', '100']]) assert.equal(parseCoverage(value).toFixed(2), expected, value);
    for (const value of ['150', '100.01', '-1', 'most', '']) assert.throws(() => parseCoverage(value), /expects a percentage from 0 to 100/, value);
  });
});

/**
 * The prefilter alone as a measured tool (bundled by bench/isolated.ts): `mayBeOurs` on each
 * text, what every file costs before anything is parsed. Beside `ours` (which calls it too) it
 * gives the prefilter's share of the analysis.
 */
import { mayBeOurs } from '../../server/src/model/prefilter';
import { defaultScheme } from '../../server/src/scheme/loader';
import type { Tool } from './tool';

export function createTool(): Tool {
  const scheme = defaultScheme();
  return {
    begin() {},
    add: (_path, text) => (mayBeOurs(text, scheme) ? 1 : 0),
    finish: () => 0,
  };
}

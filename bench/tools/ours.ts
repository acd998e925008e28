/**
 * Our full analysis as a measured tool (bundled by bench/isolated.ts), as the CLI does it:
 * `parseDocument` per file, then `analyzeWorkspace` (manual coverage over all manuals, each audit
 * scored, evidence links checked on disk). Nothing is kept between repetitions.
 */
import { statSync } from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from '../../server/src/model';
import { analyzeWorkspace, type FileModel, type LinkStatus } from '../../server/src/analysis/workspace';
import { defaultScheme } from '../../server/src/scheme/loader';
import type { Tool } from './tool';

export function createTool(): Tool {
  const scheme = defaultScheme();
  let files: FileModel[] = [];
  let dir = '';
  return {
    begin(d) {
      dir = d;
      files = [];
    },
    add(relPath, text) {
      const model = parseDocument(text, scheme);
      files.push({ uri: relPath, model });
      return model.problems.length;
    },
    finish() {
      const checkLink = (fromUri: string, target: string): LinkStatus => {
        if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('#')) return 'skip';
        const rel = decodeURIComponent(target.split('#')[0]);
        if (!rel) return 'skip';
        const abs = path.resolve(dir, path.dirname(fromUri), rel);
        if (!abs.startsWith(dir + path.sep)) return 'outside';
        try {
          return statSync(abs).isFile() ? 'ok' : 'missing';
        } catch {
          return 'missing';
        }
      };
      const ws = analyzeWorkspace(files, scheme, { checkLink });
      files = [];
      let n = 0;
      for (const ps of ws.problems.values()) n += ps.length;
      return n;
    },
  };
}

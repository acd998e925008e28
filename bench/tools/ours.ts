/**
 * Our full analysis as a measured tool (bundled by bench/isolated.ts), as the CLI does it: the
 * prefilter and `parseDocument` per file (a file that cannot be ours is not parsed), then
 * `analyzeWorkspace` (manual coverage over all manuals, each audit scored, evidence links checked
 * on disk). Nothing is kept between repetitions.
 */
import { parseDocument } from '../../server/src/model';
import { mayBeOurs } from '../../server/src/model/prefilter';
import { analyzeWorkspace, type FileModel } from '../../server/src/analysis/workspace';
import { createLinkChecker, fsExists } from '../../server/src/io/fsLinks';
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
      if (!mayBeOurs(text, scheme)) return 0;
      const model = parseDocument(text, scheme);
      files.push({ uri: relPath, model });
      return model.problems.length;
    },
    finish() {
      // The product's own link checker, as the CLI uses it.
      const checkLink = createLinkChecker(fsExists(dir));
      const ws = analyzeWorkspace(files, scheme, { checkLink });
      files = [];
      let n = 0;
      for (const ps of ws.problems.values()) n += ps.length;
      return n;
    },
  };
}

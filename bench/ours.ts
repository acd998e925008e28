/**
 * Our full analysis, as the CLI does it, in-process: every file → document model
 * (`parseDocument`: remark parse + tags, sections, entries, problems), then the workspace step
 * (`analyzeWorkspace`: manual coverage over all manuals, each audit scored, evidence links checked
 * against the disk). No caches: every repetition starts from the texts.
 *
 * The model module is loaded at run time so the bench still measures the floor and markdownlint
 * when it is missing or broken (it reports why).
 */
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { DocumentModel } from '../server/src/model/types';
import type { Scheme } from '../server/src/scheme/types';
import { defaultScheme } from '../server/src/scheme/loader';
import { analyzeWorkspace, type FileModel, type LinkStatus } from '../server/src/analysis/workspace';

interface ModelModule {
  parseDocument(text: string, scheme: Scheme): DocumentModel;
}

export interface OursSession {
  /** Model one file; returns a count (keeps the work observable). */
  addFile(relPath: string, text: string): number;
  /** Coverage + scores over everything added; returns the problem count. */
  finish(): number;
}

export interface Ours {
  scheme: Scheme;
  parseDocument(text: string): DocumentModel;
  begin(dir: string): OursSession;
}

export let oursLoadError: string | undefined;

export function createOurs(): Ours | undefined {
  const modelPath = path.resolve(__dirname, '..', 'server', 'src', 'model', 'index.ts');
  if (!existsSync(modelPath)) {
    oursLoadError = 'server/src/model/index.ts does not exist';
    return undefined;
  }
  let mod: ModelModule;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(modelPath) as ModelModule;
    if (typeof mod.parseDocument !== 'function') throw new Error('no parseDocument export');
  } catch (e) {
    oursLoadError = `cannot load the model: ${e instanceof Error ? e.message : String(e)}`;
    return undefined;
  }
  const scheme = defaultScheme();
  return {
    scheme,
    parseDocument: (text) => mod.parseDocument(text, scheme),
    begin(dir) {
      const files: FileModel[] = [];
      return {
        addFile(relPath, text) {
          const model = mod.parseDocument(text, scheme);
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
          let n = 0;
          for (const ps of ws.problems.values()) n += ps.length;
          return n;
        },
      };
    },
  };
}

/**
 * Our full analysis, as the CLI does it, in-process: every file → document model
 * (`parseDocument`: remark parse + tags, sections, entries, problems), then the workspace step
 * (`analyzeWorkspace`: manual coverage over all manuals, each audit scored, evidence links checked
 * against the disk). No caches: every repetition starts from the texts.
 *
 * The code measured is a bundle of the model and the analysis built here with esbuild the way
 * `npm run build` bundles the server (no `keepNames`, which tsx adds to every function it
 * transforms and which costs a few percent in the model's hot paths), written with its source
 * map under the bench directory, so that in-process numbers and profiles are those of the
 * shipped code. It is built at run time, so the bench still measures the floor and
 * markdownlint when the model is missing or broken (it reports why).
 */
import { build } from 'esbuild';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import type { DocumentModel } from '../server/src/model/types';
import type { Scheme } from '../server/src/scheme/types';
import type { FileModel, LinkChecker, WorkspaceAnalysis, WorkspaceOptions } from '../server/src/analysis/workspace';
import { BENCH_ROOT } from './corpus';
import { BENCH_BUNDLE } from './isolated';

interface OursModule {
  parseDocument(text: string, scheme: Scheme): DocumentModel;
  analyzeWorkspace(files: FileModel[], scheme: Scheme, options?: WorkspaceOptions): WorkspaceAnalysis;
  defaultScheme(): Scheme;
  createLinkChecker(exists: (rel: string) => boolean): LinkChecker;
  fsExists(root: string): (rel: string) => boolean;
}

const REPO = path.resolve(__dirname, '..');

/** Bundle parseDocument, analyzeWorkspace and defaultScheme as dist/server.js is bundled. */
async function bundleOurs(): Promise<string> {
  const outfile = path.join(BENCH_ROOT, 'ours.bundle.cjs');
  await build({
    stdin: {
      contents: [
        "export { parseDocument } from './server/src/model';",
        "export { analyzeWorkspace } from './server/src/analysis/workspace';",
        "export { defaultScheme } from './server/src/scheme/loader';",
        "export { createLinkChecker, fsExists } from './server/src/io/fsLinks';",
      ].join('\n'),
      resolveDir: REPO,
      sourcefile: 'bench-ours-entry.ts',
      loader: 'ts',
    },
    outfile,
    ...BENCH_BUNDLE,
  });
  return outfile;
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

export async function createOurs(): Promise<Ours | undefined> {
  const modelPath = path.resolve(__dirname, '..', 'server', 'src', 'model', 'index.ts');
  if (!existsSync(modelPath)) {
    oursLoadError = 'server/src/model/index.ts does not exist';
    return undefined;
  }
  let mod: OursModule;
  try {
    const file = await bundleOurs();
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    mod = require(file) as OursModule;
    if (typeof mod.parseDocument !== 'function') throw new Error('no parseDocument export');
  } catch (e) {
    oursLoadError = `cannot build or load the model: ${e instanceof Error ? e.message.split('\n').slice(0, 4).join(' | ') : String(e)}`;
    return undefined;
  }
  const scheme = mod.defaultScheme();
  const analyzeWorkspace = mod.analyzeWorkspace;
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
          // The product's own link checker, as the CLI uses it.
          const checkLink = mod.createLinkChecker(mod.fsExists(dir));
          const ws = analyzeWorkspace(files, scheme, { checkLink });
          let n = 0;
          for (const ps of ws.problems.values()) n += ps.length;
          return n;
        },
      };
    },
  };
}

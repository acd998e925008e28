// esbuild plugins shared by scripts/build.mjs (dist/) and the benchmark (bench/isolated.ts), so
// the bench measures the code exactly as it ships.
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * mdast-util-from-markdown's `import { parse } from 'micromark'` goes to
 * server/src/model/reusedMicromarkParser.ts, which builds micromark's parse context once per
 * extension list instead of once per document (see that file). Every other importer of
 * micromark, and the shim's own import, get micromark itself.
 */
export const reuseMicromarkParser = {
  name: 'reuse-micromark-parser',
  setup(build) {
    build.onResolve({ filter: /^micromark$/ }, (args) =>
      /[\\/]mdast-util-from-markdown[\\/]/.test(args.importer)
        ? { path: path.join(REPO, 'server', 'src', 'model', 'reusedMicromarkParser.ts') }
        : undefined,
    );
  },
};

/**
 * micromark's text initializers (`./initialize/text.js`, imported by its parse.js and
 * constructs.js) go to server/src/model/linearMicromarkText.ts, which joins adjacent data tokens
 * in one pass instead of one splice per run (quadratic on a paragraph of many clause tags). That
 * module imports the original as `gbt27922:micromark-initialize-text`.
 */
const MICROMARK_TEXT = path.join(REPO, 'node_modules', 'micromark', 'lib', 'initialize', 'text.js');
export const linearMicromarkText = {
  name: 'linear-micromark-text',
  setup(build) {
    build.onResolve({ filter: /^\.\/initialize\/text\.js$/ }, (args) =>
      /[\\/]micromark[\\/](dev[\\/])?lib[\\/](parse|constructs)\.js$/.test(args.importer)
        ? { path: path.join(REPO, 'server', 'src', 'model', 'linearMicromarkText.ts') }
        : undefined,
    );
    build.onResolve({ filter: /^gbt27922:micromark-initialize-text$/ }, () => ({ path: MICROMARK_TEXT }));
  },
};

export const productPlugins = [reuseMicromarkParser, linearMicromarkText];

/**
 * The command line loads `./commands/export` (and with it docx, exceljs and docxtemplater, about
 * 4 MB) only when `gbt27922 export` runs: in dist/cli.js that import stays a require of the
 * separate bundle dist/export.js, so every other command starts as fast as before.
 */
export const exportCommandApart = {
  name: 'export-command-apart',
  setup(build) {
    build.onResolve({ filter: /[\\/]commands[\\/]export$/ }, () => ({ path: './export.js', external: true }));
  },
};

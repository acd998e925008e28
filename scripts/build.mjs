// Bundles the extension client, the language server, its worker and the command line into
// dist/ with esbuild. A missing entry is an error: skipping it once let a tree without the
// command line "build" and fail only later, in `npm run samples`.
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';
import { exportCommandApart, productPlugins } from './esbuildPlugins.mjs';

const production = process.argv.includes('--production');
const entries = [
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode'] },
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'server/src/analysis/parseWorker.ts', out: 'parseWorker' },
  { in: 'server/src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node', plugins: [exportCommandApart] },
  // `gbt27922 export` (docx, exceljs, docxtemplater: ~4 MB), loaded by the CLI only when run.
  { in: 'server/src/cli/commands/export.ts', out: 'export' },
];

const missing = entries.filter((e) => !existsSync(e.in)).map((e) => e.in);
if (missing.length > 0) {
  console.error(`build: missing entry point(s): ${missing.join(', ')}`);
  process.exit(1);
}

mkdirSync('dist', { recursive: true });
const started = Date.now();
await Promise.all(
  entries.map((e) =>
    build({
      entryPoints: [e.in],
      outfile: `dist/${e.out}.js`,
      bundle: true,
      platform: 'node',
      target: 'node20',
      format: 'cjs',
      sourcemap: !production,
      minify: production,
      external: e.external ?? [],
      // jsonc-parser's "main" is a UMD build whose require('./impl/format') esbuild cannot see: take its ESM build
      mainFields: ['module', 'main'],
      banner: e.banner ? { js: e.banner } : undefined,
      logLevel: 'warning',
      legalComments: 'none',
      plugins: [...productPlugins, ...(e.plugins ?? [])],
    }),
  ),
);
console.log(`built ${entries.map((e) => `dist/${e.out}.js`).join(', ')} in ${Date.now() - started} ms`);

// Bundles the extension client, the language server, its worker and the command line into
// dist/ with esbuild, and the web build (VS Code for the Web) into dist/browser/: the client for
// the web worker extension host and the language server as a web worker, with no Node
// built-ins. A missing entry is an error: skipping it once let a tree without the command line
// "build" and fail only later, in `npm run samples`.
import { build } from 'esbuild';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { browserSubstitutes, exportCommandApart, productPlugins } from './esbuildPlugins.mjs';

const production = process.argv.includes('--production');
const entries = [
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode'] },
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'server/src/analysis/parseWorker.ts', out: 'parseWorker' },
  { in: 'server/src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node', plugins: [exportCommandApart] },
  // `gbt27922 export` (docx, exceljs, docxtemplater: ~4 MB), loaded by the CLI only when run.
  { in: 'server/src/cli/commands/export.ts', out: 'export' },
  // package.json `browser`: loaded by VS Code's web worker extension host as a CommonJS module
  { in: 'client/src/browserExtension.ts', out: 'browser/extension', external: ['vscode'], browser: true, format: 'cjs' },
  // started by the web client as a (classic) web worker
  { in: 'server/src/browserServer.ts', out: 'browser/server', browser: true, format: 'iife' },
];

const missing = entries.filter((e) => !existsSync(e.in)).map((e) => e.in);
if (missing.length > 0) {
  console.error(`build: missing entry point(s): ${missing.join(', ')}`);
  process.exit(1);
}

mkdirSync('dist/browser', { recursive: true });
const started = Date.now();
const results = await Promise.all(
  entries.map((e) =>
    build({
      entryPoints: [e.in],
      outfile: `dist/${e.out}.js`,
      bundle: true,
      platform: e.browser ? 'browser' : 'node',
      // VS Code for the Web supports the current browsers (Chromium, Firefox, Safari)
      target: e.browser ? 'es2022' : 'node20',
      format: e.format ?? 'cjs',
      sourcemap: !production,
      minify: production,
      external: e.external ?? [],
      // jsonc-parser's "main" is a UMD build whose require('./impl/format') esbuild cannot see: take its ESM build
      mainFields: e.browser ? ['browser', 'module', 'main'] : ['module', 'main'],
      // Both web bundles run in web workers (no DOM): a package's "worker" export before its "browser" one
      // (decode-named-character-reference's browser build decodes entities with `document`).
      conditions: e.browser ? ['worker'] : undefined,
      banner: e.banner ? { js: e.banner } : undefined,
      logLevel: 'warning',
      legalComments: 'none',
      metafile: e.browser === true,
      plugins: [...productPlugins, ...(e.plugins ?? []), ...(e.browser ? [browserSubstitutes] : [])],
    }),
  ),
);
// What went into the web bundles (their inputs), for the test that no Node built-in did.
const inputs = Object.fromEntries(entries.map((e, i) => [e.out, e.browser ? Object.keys(results[i].metafile.inputs) : undefined]).filter(([, v]) => v));
writeFileSync('dist/browser/inputs.json', JSON.stringify(inputs, null, 1));
console.log(`built ${entries.map((e) => `dist/${e.out}.js`).join(', ')} in ${Date.now() - started} ms`);

// Bundles the extension client, the language server, its worker and the command line into
// dist/ with esbuild. Entries that do not exist yet are skipped, so parts can land one by one.
import { build } from 'esbuild';
import { existsSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const entries = [
  { in: 'client/src/extension.ts', out: 'extension', external: ['vscode'] },
  { in: 'server/src/server.ts', out: 'server' },
  { in: 'server/src/analysis/parseWorker.ts', out: 'parseWorker' },
  { in: 'server/src/cli/main.ts', out: 'cli', banner: '#!/usr/bin/env node' },
];

mkdirSync('dist', { recursive: true });
const started = Date.now();
await Promise.all(
  entries
    .filter((e) => existsSync(e.in))
    .map((e) =>
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
      }),
    ),
);
console.log(`built ${entries.filter((e) => existsSync(e.in)).map((e) => `dist/${e.out}.js`).join(', ')} in ${Date.now() - started} ms`);

/**
 * Scheme JSON files for go to definition (the clause's object in its scheme file), Node build:
 * a built-in scheme's file lies beside the sources (tests, the CLI from source) or, in the
 * packaged extension, under the extension folder (the .vsix ships
 * `server/src/scheme/builtin/*.json`; the bundle runs from `dist/`); a workspace scheme file is
 * read from disk when no editor buffer has it. The web build's module is schemeFiles.browser.ts.
 */
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToUri } from '../index/uri';

/** Where a built-in scheme's JSON lies on disk (undefined when it is not there). */
export function builtinSchemeFile(id: string): string | undefined {
  if (!/^[A-Za-z0-9._-]+$/.test(id)) return undefined;
  const here = typeof __dirname === 'string' ? __dirname : undefined;
  if (!here) return undefined;
  for (const dir of [path.resolve(here, '../scheme/builtin'), path.resolve(here, '../server/src/scheme/builtin')]) {
    const file = path.join(dir, `${id}.json`);
    if (existsSync(file)) return file;
  }
  return undefined;
}

/** A built-in scheme's JSON: its URI and text. */
export function builtinSchemeSource(id: string): { uri: string; text: string } | undefined {
  const file = builtinSchemeFile(id);
  if (!file) return undefined;
  try {
    return { uri: pathToUri(file), text: readFileSync(file, 'utf8') };
  } catch {
    return undefined;
  }
}

/** A workspace scheme file's text from disk (the web build has none: the index's copy is all there is). */
export function readSchemeFile(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** Where the extension is (the web build needs it for the built-in files' URIs; here they are found on disk). */
export function setExtensionLocation(_uri: string | undefined): void {}

/**
 * The web build's schemeFiles.ts: no disk. A built-in scheme's JSON is bundled as text (the
 * same bytes the .vsix ships as `server/src/scheme/builtin/<id>.json`) and named by its URI in
 * the extension's folder, which the client gives in `initializationOptions.extensionUri`; VS Code
 * opens it from there. A workspace scheme file's text is the one the index read through the
 * client (FeatureContext.text), never read here.
 */
import dualScore from '../scheme/builtin/gbt27922-2011-dual-score.json?raw';
import standard from '../scheme/builtin/gbt27922-2011.json?raw';
import tenStar from '../scheme/builtin/ten-star.json?raw';

const TEXTS: Record<string, string> = { 'gbt27922-2011': standard, 'gbt27922-2011-dual-score': dualScore, 'ten-star': tenStar };

let extensionLocation: string | undefined;

/** The extension's folder URI (initializationOptions.extensionUri). */
export function setExtensionLocation(uri: string | undefined): void {
  extensionLocation = uri?.replace(/\/+$/, '');
}

export function builtinSchemeSource(id: string): { uri: string; text: string } | undefined {
  const text = Object.prototype.hasOwnProperty.call(TEXTS, id) ? TEXTS[id] : undefined;
  if (text === undefined || !extensionLocation) return undefined;
  return { uri: `${extensionLocation}/server/src/scheme/builtin/${id}.json`, text };
}

export function readSchemeFile(_file: string): string | undefined {
  return undefined;
}

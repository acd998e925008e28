/**
 * Go to definition on a clause reference.
 * - In a report (or any file that is not a manual): the manual section(s) that cover the item —
 *   the section under a tagged heading, or the tagged block — across all manual files. For a
 *   group ID: the manual sections whose heading names the group. When no manual covers it, the
 *   item's entry in the workspace scheme file (below).
 * - In a manual: the item's catalog entry, i.e. its object in the scheme JSON: the workspace
 *   scheme file when it declares the item, else the built-in scheme file it extends (shipped
 *   with the extension, see schemeFiles.ts); failing both, the other places in the manual
 *   that claim the same item.
 * Results are LocationLinks (origin = the ID under the cursor, target = section, selection =
 * heading) when the client supports them, else Locations.
 */
import type { DefinitionParams, Location, LocationLink, Range } from 'vscode-languageserver';
import { TextDocument } from 'vscode-languageserver-textdocument';
import * as jsonc from 'jsonc-parser';
import { pathToUri, uriToPath } from '../index/uri';
import { builtinSchemeSource, readSchemeFile } from './schemeFiles';
import type { FeatureContext } from './context';
import type { Scheme } from '../scheme/types';
import { rangeContains, rangesEqual, refAt } from './util';

export interface DefinitionOptions {
  /** The client supports LocationLink results. */
  linkSupport?: boolean;
}

interface Target {
  uri: string;
  range: Range;
  selection: Range;
}

export function definition(ctx: FeatureContext, params: DefinitionParams, options: DefinitionOptions = {}): Location[] | LocationLink[] | null {
  const uri = params.textDocument.uri;
  const model = ctx.model(uri);
  if (!model || model.kind === 'none') return null;
  const scheme = ctx.schemeFor(uri);
  const ref = refAt(model, params.position, scheme);
  if (!ref || ref.kind === 'unknown') return null;
  const targets = definitionTargets(ctx, uri, ref.id, ref.range, scheme);
  if (targets.length === 0) return null;
  if (options.linkSupport) {
    return targets.map((t) => ({ originSelectionRange: ref.range, targetUri: t.uri, targetRange: t.range, targetSelectionRange: t.selection }));
  }
  return targets.map((t) => ({ uri: t.uri, range: t.selection }));
}

/** Where a clause used in `uri` at `origin` is defined (see the module comment). */
export function definitionTargets(ctx: FeatureContext, uri: string, id: string, origin: Range, scheme: Scheme = ctx.schemeFor(uri)): Target[] {
  const model = ctx.model(uri);
  const inManual = model?.kind === 'manual';
  const manualPlaces = manualTargets(ctx, id, scheme);
  if (inManual) {
    const decls = schemeDeclarations(ctx, scheme, id);
    if (decls.length > 0) return decls;
    return manualPlaces.filter((t) => !(t.uri === uri && rangesContainOrigin(t, origin)));
  }
  if (manualPlaces.length > 0) return manualPlaces;
  const decl = schemeDeclaration(ctx, scheme, id);
  return decl ? [decl] : [];
}

/** The target is the very place the request came from (the heading or block holding the tag). */
function rangesContainOrigin(t: Target, origin: Range): boolean {
  return rangesEqual(t.selection, origin) || rangeContains(t.selection, origin.start);
}

/** Manual places for an item (its coverage claims) or a group (sections whose heading names it). */
function manualTargets(ctx: FeatureContext, id: string, scheme: Scheme): Target[] {
  const manual = ctx.manual();
  if (!manual) return [];
  const out: Target[] = [];
  if (scheme.itemById.has(id)) {
    for (const { uri, claim } of manual.claims.get(id) ?? []) {
      const m = ctx.model(uri);
      const section = claim.via === 'heading' ? m?.sections.find((s) => s.heading.range.start.line === claim.target.start.line) : undefined;
      out.push({ uri, range: claim.target, selection: section ? section.heading.range : claim.range });
    }
    return out;
  }
  for (const uri of manual.files) {
    const m = ctx.model(uri);
    for (const s of m?.sections ?? []) {
      if (s.tags.some((t) => t.refs.some((r) => r.id === id))) out.push({ uri, range: s.range, selection: s.heading.range });
    }
  }
  return out;
}

/**
 * The item's (or group's) entry in the scheme JSON: the scheme's own file when it declares the
 * clause (a workspace scheme that \`extends\` another declares only what it changes), else the
 * nearest built-in scheme in its \`extends\` chain that does. Reads an open buffer through the
 * context, else the file on disk.
 */
export function schemeDeclaration(ctx: FeatureContext, scheme: Scheme, id: string): Target | undefined {
  return schemeDeclarations(ctx, scheme, id)[0];
}

/**
 * Every entry of the clause along the scheme's `extends` chain, nearest first: a workspace
 * scheme's override (`{ "id": "5.3.2.2", "points": 8 }`) and the built-in entry with the
 * requirement text.
 */
export function schemeDeclarations(ctx: FeatureContext, scheme: Scheme, id: string): Target[] {
  const origins = [scheme.origin, ...scheme.extendsChain.map((base) => `builtin:${base}`)];
  const out: Target[] = [];
  for (const origin of [...new Set(origins)]) {
    const found = declarationIn(ctx, scheme, origin, id);
    if (found && !out.some((t) => t.uri === found.uri)) out.push(found);
  }
  return out;
}

function declarationIn(ctx: FeatureContext, scheme: Scheme, origin: string | undefined, id: string): Target | undefined {
  if (!origin) return undefined;
  let uri: string;
  let text: string | undefined;
  if (origin.startsWith('builtin:')) {
    // shipped with the extension (schemeFiles.ts: on disk, or bundled in the web build)
    const source = builtinSchemeSource(origin.slice('builtin:'.length));
    if (!source) return undefined;
    uri = source.uri;
    text = ctx.text(uri) ?? source.text;
  } else {
    // the workspace's scheme file: its editor buffer or what the index read, else the disk (Node)
    uri = /^[a-z][a-z0-9+.-]+:\/\//i.test(origin) ? origin : pathToUri(origin);
    const file = uriToPath(uri);
    text = ctx.text(uri) ?? (file !== undefined ? readSchemeFile(file) : undefined);
  }
  if (text === undefined) return undefined;
  const root = jsonc.parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  if (!root) return undefined;
  const doc = TextDocument.create(uri, 'json', 0, text);
  for (const key of scheme.itemById.has(id) ? ['items'] : ['groups']) {
    const arr = jsonc.findNodeAtLocation(root, [key]);
    for (const el of arr?.children ?? []) {
      const idNode = jsonc.findNodeAtLocation(el, ['id']);
      if (idNode && idNode.value === id) {
        return {
          uri,
          range: { start: doc.positionAt(el.offset), end: doc.positionAt(el.offset + el.length) },
          selection: { start: doc.positionAt(idNode.offset), end: doc.positionAt(idNode.offset + idNode.length) },
        };
      }
    }
  }
  return undefined;
}

/**
 * Find references of a clause ID: every place in the workspace that names it — tags in any form
 * (a range tag `[5.2.2.1-5.2.2.4]` names each item inside it), audit entries, front-matter
 * `clauses:` and `not-applicable:` — over the workspace's manuals and audit reports (a file that
 * is not ours names nothing), in file order then document order.
 *
 * Declarations are what Go to Definition targets: the manual's claims of the item (a manual is
 * where an item is "defined" for the enterprise; for a group, the manual headings naming it) and
 * the item's entry in a workspace scheme file. `includeDeclaration: false` leaves them out.
 */
import type { Location, ReferenceParams } from 'vscode-languageserver';
import type { FeatureContext } from './context';
import { refAt, refsOf } from './util';
import { schemeDeclaration } from './definition';

export function references(ctx: FeatureContext, params: ReferenceParams): Location[] | null {
  const uri = params.textDocument.uri;
  const model = ctx.model(uri);
  if (!model) return null;
  const scheme = ctx.schemeFor(uri);
  const ref = refAt(model, params.position, scheme);
  if (!ref) return null;
  return referencesOf(ctx, ref.id, params.context.includeDeclaration);
}

/** Every use of `id` across the workspace (see the module comment for what a declaration is). */
export function referencesOf(ctx: FeatureContext, id: string, includeDeclaration: boolean): Location[] {
  const out: Location[] = [];
  if (includeDeclaration) {
    const decl = schemeDeclaration(ctx, ctx.scheme, id);
    if (decl) out.push({ uri: decl.uri, range: decl.selection });
  }
  for (const f of ctx.files()) {
    // A file that is not ours names nothing (as it has no diagnostics and no symbols).
    if (f.model.kind === 'none') continue;
    const isManual = f.model.kind === 'manual';
    for (const use of refsOf(f.model, id)) {
      const declaration = isManual && (use.context !== 'not-applicable');
      if (declaration && !includeDeclaration) continue;
      out.push({ uri: f.uri, range: use.range });
    }
  }
  return out;
}

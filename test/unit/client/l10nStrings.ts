/**
 * The UI strings the client passes to l10n: first arguments of `vscode.l10n.t(…)` and of `t(…)`
 * imported from @vscode/l10n, found with the TypeScript parser (not a regex), so a string split
 * over lines or holding quotes is still found. Non-literal first arguments are reported too:
 * they could never be translated.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

export interface L10nUse {
  text: string;
  file: string;
  line: number;
}

export interface L10nScan {
  strings: L10nUse[];
  /** Calls whose message is not a string literal. */
  dynamic: L10nUse[];
}

function walkFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walkFiles(p, out);
    else if (e.name.endsWith('.ts')) out.push(p);
  }
  return out;
}

/** Local names bound to @vscode/l10n's `t` in a file (`import { t } …`, `import * as l10n …` → `l10n.t`). */
function l10nBindings(sf: ts.SourceFile): { direct: Set<string>; namespaces: Set<string> } {
  const direct = new Set<string>();
  const namespaces = new Set<string>();
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    if (st.moduleSpecifier.text !== '@vscode/l10n') continue;
    const b = st.importClause?.namedBindings;
    if (b && ts.isNamedImports(b)) {
      for (const el of b.elements) if ((el.propertyName ?? el.name).text === 't') direct.add(el.name.text);
    } else if (b && ts.isNamespaceImport(b)) namespaces.add(b.name.text);
  }
  return { direct, namespaces };
}

export function scanL10n(root: string): L10nScan {
  const strings: L10nUse[] = [];
  const dynamic: L10nUse[] = [];
  for (const file of walkFiles(root)) {
    const sf = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const { direct, namespaces } = l10nBindings(sf);
    const isL10nCall = (e: ts.Expression): boolean => {
      if (ts.isIdentifier(e)) return direct.has(e.text);
      if (!ts.isPropertyAccessExpression(e) || e.name.text !== 't') return false;
      const obj = e.expression;
      if (ts.isIdentifier(obj)) return namespaces.has(obj.text);
      // vscode.l10n.t
      return ts.isPropertyAccessExpression(obj) && obj.name.text === 'l10n' && ts.isIdentifier(obj.expression) && obj.expression.text === 'vscode';
    };
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && isL10nCall(node.expression) && node.arguments.length > 0) {
        const a = node.arguments[0];
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        const rel = path.relative(root, file);
        if (ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a)) strings.push({ text: a.text, file: rel, line });
        else dynamic.push({ text: a.getText(sf), file: rel, line });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return { strings, dynamic };
}

/** `{0}`, `{1}` … used in a message, sorted. */
export function placeholders(s: string): string[] {
  return [...new Set(s.match(/\{\d+\}/g) ?? [])].sort();
}

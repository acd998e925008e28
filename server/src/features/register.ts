/**
 * Wires the editor features (hover, completion, definition, references, symbols, code actions,
 * code lens, inlay hints) to an LSP connection. Each handler finds the analysed workspace of its
 * document through the host, calls the pure feature function, and never lets an exception take
 * the server down: failures are logged and answered with null (or an error response where the
 * protocol needs one).
 *
 * The server calls this once, before `connection.listen()`, and merges the returned capabilities
 * into its `InitializeResult`:
 *
 *     const features = registerLanguageFeatures(connection, {
 *       contextFor: (uri) => index.contextFor(uri),     // the workspace folder's FeatureContext
 *       allContexts: () => index.allContexts(),         // every folder (workspace symbols)
 *       whenAnalysed: (uri) => index.flush(uri),        // optional: wait for pending analysis
 *       clientCapabilities: () => initializeParams?.capabilities,
 *     });
 *     connection.onInitialize((p) => ({ capabilities: { ...core, ...features } }));
 *     // after re-analysing files: refreshCodeLenses(connection, initializeParams?.capabilities);
 */
import {
  CodeActionKind,
  CodeLensRefreshRequest,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type ClientCapabilities,
  type Connection,
  type ServerCapabilities,
} from 'vscode-languageserver';
import type { FeatureContext } from './context';
import { hover } from './hover';
import { completion } from './completion';
import { definition } from './definition';
import { references } from './references';
import { documentSymbols, workspaceSymbols } from './symbols';
import { codeActions, FIX_ALL_KIND, INSERT_STUBS_KIND, isStubActionData, resolveCodeAction } from './codeActions';
import { codeLenses } from './codeLens';
import { isSuggestionDiagnostic, suggestionFixes, suggestionHover, type SuggestionHints } from './suggestions';

export interface LanguageFeatureHost {
  /** The analysed workspace a document belongs to (multi-root: its folder's), undefined when none. */
  contextFor(uri: string): FeatureContext | undefined;
  /** Every analysed workspace, for workspace symbols. Default: none. */
  allContexts?(): FeatureContext[];
  /** Resolves once the document's pending edits are analysed (so answers see the latest text). */
  whenAnalysed?(uri: string): Promise<void>;
  /** The client's capabilities from `initialize` (read lazily, at request time). */
  clientCapabilities?(): ClientCapabilities | undefined;
  /** Whether fix all rewrites full-width clause IDs in ASCII (setting gbt27922.fixAll.asciiClauseIds). */
  asciiClauseIds?(): boolean;
}

export interface RegisterOptions {
  /** Where failures are logged (default: the connection's console). */
  log?: (message: string) => void;
  /** Clause-tag suggestions (hover on untagged headings, quick fixes with the top three). */
  hints?: SuggestionHints;
}

/**
 * Register every feature handler on `connection` and return the capabilities to announce.
 * `host` may be a plain `contextFor(uri)` function when there is a single workspace.
 */
export function registerLanguageFeatures(
  connection: Connection,
  host: LanguageFeatureHost | ((uri: string) => FeatureContext | undefined),
  options: RegisterOptions = {},
): ServerCapabilities {
  const h: LanguageFeatureHost = typeof host === 'function' ? { contextFor: host } : host;
  const log = options.log ?? ((m: string) => connection.console.error(m));

  /** Run a per-document feature: wait for analysis, find the context, catch failures. */
  async function run<R>(name: string, uri: string, token: CancellationToken | undefined, fallback: R, fn: (ctx: FeatureContext) => R): Promise<R | ResponseError<void>> {
    try {
      if (h.whenAnalysed) await h.whenAnalysed(uri);
      if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      const ctx = h.contextFor(uri);
      if (!ctx) return fallback;
      return fn(ctx);
    } catch (e) {
      log(`[features] ${name} failed for ${uri}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return fallback;
    }
  }

  const caps = () => h.clientCapabilities?.();

  const hints = options.hints;
  connection.onHover((params, token) => run('hover', params.textDocument.uri, token, null, (ctx) => hover(ctx, params) ?? (hints ? suggestionHover(ctx, hints, params) : null)));
  connection.onCompletion((params, token) =>
    run('completion', params.textDocument.uri, token, null, (ctx) =>
      completion(ctx, params, { snippetSupport: caps()?.textDocument?.completion?.completionItem?.snippetSupport === true }),
    ),
  );
  connection.onDefinition((params, token) =>
    run('definition', params.textDocument.uri, token, null, (ctx) => definition(ctx, params, { linkSupport: caps()?.textDocument?.definition?.linkSupport === true })),
  );
  connection.onReferences((params, token) => run('references', params.textDocument.uri, token, null, (ctx) => references(ctx, params)));
  connection.onDocumentSymbol((params, token) => run('documentSymbol', params.textDocument.uri, token, null, (ctx) => documentSymbols(ctx, params)));
  connection.onCodeAction((params, token) =>
    run('codeAction', params.textDocument.uri, token, null, (ctx) => {
      const base = codeActions(ctx, params, { resolveEdit: caps()?.textDocument?.codeAction?.resolveSupport?.properties.includes('edit') === true, asciiIds: h.asciiClauseIds?.() === true });
      const only = params.context.only;
      if (!hints || (only && !only.some((o) => CodeActionKind.QuickFix === o || CodeActionKind.QuickFix.startsWith(`${o}.`)))) return base;
      // Tagging a section that is already there comes before inserting a stub for it.
      const tagFixes = params.context.diagnostics
        .filter((d) => isSuggestionDiagnostic(d) || d.code === 'uncovered-item')
        .flatMap((d) => suggestionFixes(ctx, hints, params.textDocument.uri, d, ctx.locale));
      return tagFixes.length ? [...tagFixes, ...(base ?? [])] : base;
    }),
  );
  connection.onCodeActionResolve(async (action, token) => {
    if (!isStubActionData(action.data)) return action;
    const resolved = await run('codeAction/resolve', action.data.uri, token, action, (ctx) => resolveCodeAction(ctx, action));
    return resolved instanceof ResponseError ? action : resolved;
  });
  connection.onCodeLens((params, token) => run('codeLens', params.textDocument.uri, token, null, (ctx) => codeLenses(ctx, params)));
  connection.onWorkspaceSymbol(async (params, token) => {
    try {
      const contexts = h.allContexts?.() ?? [];
      if (token.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      return workspaceSymbols(contexts, params);
    } catch (e) {
      log(`[features] workspaceSymbol failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      return [];
    }
  });

  return {
    hoverProvider: true,
    completionProvider: {
      triggerCharacters: ['[', '【', '.', '．', ',', '，', '、', '-', ' ', ':', '：'],
      resolveProvider: false,
    },
    definitionProvider: true,
    referencesProvider: true,
    documentSymbolProvider: { label: 'GB/T 27922' },
    workspaceSymbolProvider: true,
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND, INSERT_STUBS_KIND], resolveProvider: true },
    codeLensProvider: { resolveProvider: false },
  };
}

/**
 * Ask the client to re-request code lenses, when it supports that: a manual's lenses (coverage
 * on the root file, per group) change when another manual file changes. The server calls this
 * after the index re-analysed files other than the one being edited. Never throws.
 */
export function refreshCodeLenses(connection: Pick<Connection, 'sendRequest'>, capabilities: ClientCapabilities | undefined): void {
  if (capabilities?.workspace?.codeLens?.refreshSupport !== true) return;
  try {
    void Promise.resolve(connection.sendRequest(CodeLensRefreshRequest.type)).catch(() => undefined);
  } catch {
    // The connection is closing: nothing to refresh.
  }
}

import { strict as assert } from 'node:assert';
import { CodeActionKind, CodeLensRefreshRequest, ResponseError, type CodeAction, type CodeLens, type Connection } from 'vscode-languageserver';
import { refreshCodeLenses, registerLanguageFeatures } from '../../../server/src/features/register';
import { MemoryWorkspace, uriOf } from './memoryWorkspace';
import { workspaceFiles } from './fixtures';

type Handler = (params: unknown, token?: unknown) => unknown;

/** A connection that records the handlers the features register. */
function fakeConnection() {
  const handlers = new Map<string, Handler>();
  const logged: string[] = [];
  const sent: unknown[] = [];
  const on = (name: string) => (h: Handler) => void handlers.set(name, h);
  const connection = {
    onHover: on('hover'),
    onCompletion: on('completion'),
    onDefinition: on('definition'),
    onReferences: on('references'),
    onDocumentSymbol: on('documentSymbol'),
    onWorkspaceSymbol: on('workspaceSymbol'),
    onCodeAction: on('codeAction'),
    onCodeActionResolve: on('codeActionResolve'),
    onCodeLens: on('codeLens'),
    console: { error: (m: string) => logged.push(m) },
    sendRequest: (type: unknown) => {
      sent.push(type);
      return Promise.resolve();
    },
  } as unknown as Connection;
  const token = { isCancellationRequested: false, onCancellationRequested: () => ({ dispose() {} }) };
  const call = async (name: string, params: unknown) => handlers.get(name)!(params, token);
  return { connection, handlers, logged, sent, call };
}

describe('features/register', () => {
  const ws = new MemoryWorkspace(workspaceFiles());

  it('announces every feature and wires code actions (resolved lazily when the client can) and code lens', async () => {
    const fake = fakeConnection();
    const caps = registerLanguageFeatures(fake.connection, {
      contextFor: () => ws,
      allContexts: () => [ws],
      clientCapabilities: () => ({ textDocument: { codeAction: { resolveSupport: { properties: ['edit'] } } } }),
    });
    assert.deepEqual(caps.codeActionProvider, { codeActionKinds: [CodeActionKind.QuickFix, 'source.fixAll.gbt27922', 'source.gbt27922.insertStubs'], resolveProvider: true });
    assert.deepEqual(caps.codeLensProvider, { resolveProvider: false });
    assert.equal(caps.hoverProvider, true);
    assert.equal(caps.definitionProvider, true);
    assert.equal(caps.referencesProvider, true);
    assert.equal(caps.workspaceSymbolProvider, true);

    const uri = uriOf('manual/README.md');
    const actions = (await fake.call('codeAction', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, context: { diagnostics: [], only: ['source'] } })) as CodeAction[];
    assert.equal(actions.length, 1);
    assert.equal(actions[0].edit, undefined);
    const resolved = (await fake.call('codeActionResolve', actions[0])) as CodeAction;
    assert.equal(Object.keys(resolved.edit!.changes!).length, 3);

    const lenses = (await fake.call('codeLens', { textDocument: { uri } })) as CodeLens[];
    assert.deepEqual(lenses.map((l) => l.command!.title), ['手册覆盖 18 / 100 分 · 12 / 50 项 · 38 项未覆盖', '1 分']);
  });

  it('a failing feature is logged and answered with null; a cancelled request with an error; the server goes on', async () => {
    const fake = fakeConnection();
    const log: string[] = [];
    registerLanguageFeatures(
      fake.connection,
      (u) => {
        if (u.endsWith('boom.md')) throw new Error('boom');
        return ws;
      },
      { log: (m) => log.push(m) },
    );
    assert.equal(await fake.call('hover', { textDocument: { uri: 'file:///ws/boom.md' }, position: { line: 0, character: 0 } }), null);
    assert.equal(log.length, 1);
    assert.match(log[0], /^\[features\] hover failed for file:\/\/\/ws\/boom\.md: Error: boom/);
    const cancelled = await fake.handlers.get('codeLens')!({ textDocument: { uri: uriOf('audit/report.md') } }, { isCancellationRequested: true });
    assert.ok(cancelled instanceof ResponseError);
    const lenses = (await fake.call('codeLens', { textDocument: { uri: uriOf('audit/report.md') } })) as CodeLens[];
    assert.equal(lenses.length, 9);
  });

  it('code lens refresh is asked for only when the client supports it', () => {
    const fake = fakeConnection();
    refreshCodeLenses(fake.connection, {});
    assert.equal(fake.sent.length, 0);
    refreshCodeLenses(fake.connection, { workspace: { codeLens: { refreshSupport: true } } });
    assert.deepEqual(fake.sent, [CodeLensRefreshRequest.type]);
  });
});

/**
 * GB/T 27922 extension entry point: language client, live score panel, status bar, catalog tree
 * and commands. Everything about documents is computed by the bundled language server.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { State, type LanguageClient } from 'vscode-languageclient/node';
import type { DocumentScorePayload } from '../../server/src/protocol';
import { CATALOG_VIEW_ID, CatalogTreeProvider } from './catalogTree';
import { COMMANDS, guarded, registerCommands, type CommandHost } from './commands';
import { libreOffice, LIBREOFFICE_CONTEXT_KEY } from './export';
import { registerWordCommands } from './wordImport';
import { createLanguageClient, serverPid } from './languageClient';
import { renderPanelBody } from './panel/html';
import { SCORE_PANEL_VIEW_TYPE, ScorePanel } from './panel/scorePanel';
import { buildViewModel } from './panel/viewModel';
import { ScoreModel } from './scoreModel';
import { ScoreStatusBar } from './statusBar';

export const TEST_COMMANDS = {
  getState: 'gbt27922.test.getState',
  killServer: 'gbt27922.test.killServer',
} as const;

/** What `gbt27922.test.getState` returns (read-only; used by the extension-host tests). */
export interface ExtensionState {
  serverState: 'stopped' | 'starting' | 'running';
  serverPid?: number;
  activeUri?: string;
  payload?: DocumentScorePayload;
  statusBar: { text: string; tooltip: string; visible: boolean };
  panel: { open: boolean; visible: boolean; payload?: DocumentScorePayload; body?: string };
  catalog: { subject?: string; roots: string[] };
}

/** What activate() returns: a read-only view for the extension-host tests (issue 7) and other extensions. */
export interface GbtExtensionApi {
  /** The same snapshot as the `gbt27922.test.getState` command. */
  getState(): ExtensionState;
  /**
   * What the score panel would show for `uri` (default: the document the UI follows): the latest
   * payload the server sent for it and the panel body rendered from it. Works with the panel closed.
   */
  panelData(uri?: string): { payload?: DocumentScorePayload; body: string };
  /** The status bar item's text, or '' while it is hidden. */
  statusText(): string;
  /** Resolves when the language server is running (after a start or a restart). */
  whenServerRunning(): Promise<void>;
}

let client: LanguageClient | undefined;
let deactivating = false;

function stateName(s: State): ExtensionState['serverState'] {
  return s === State.Running ? 'running' : s === State.Starting ? 'starting' : 'stopped';
}

export async function activate(context: vscode.ExtensionContext): Promise<GbtExtensionApi> {
  // Strings rendered outside the vscode API (the panel module) use the same bundle.
  if (vscode.l10n.bundle) l10n.config({ contents: vscode.l10n.bundle });

  const output = vscode.window.createOutputChannel('GB/T 27922');
  const statusBar = new ScoreStatusBar();
  const panel = new ScorePanel(context.extensionUri, output);
  context.subscriptions.push(output, statusBar, panel);

  const onGiveUp = (): void => {
    statusBar.showStopped(
      vscode.l10n.t('GB/T 27922 stopped'),
      vscode.l10n.t('The GB/T 27922 language server stopped. Click to restart it.'),
      COMMANDS.restartServer,
    );
    const restart = vscode.l10n.t('Restart');
    const show = vscode.l10n.t('Show Output');
    void vscode.window
      .showErrorMessage(vscode.l10n.t('The GB/T 27922 language server keeps stopping and was not restarted again.'), restart, show)
      .then((choice) => {
        if (choice === restart) void vscode.commands.executeCommand(COMMANDS.restartServer);
        else if (choice === show) output.show(true);
      });
  };
  const created = createLanguageClient(context, output, onGiveUp);
  const lc = created.client;
  client = lc;
  deactivating = false;

  const model = new ScoreModel(lc, output);
  const tree = new CatalogTreeProvider(lc, output, () => (model.active?.kind === 'audit' ? model.activeUri : undefined));
  const treeView = vscode.window.createTreeView(CATALOG_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  context.subscriptions.push(model, tree, treeView);

  let lastTreeSubject: string | undefined;
  const render = (p: DocumentScorePayload | undefined): void => {
    statusBar.update(p, model.activeEditorShowsIt);
    panel.update(p);
    void vscode.commands.executeCommand('setContext', 'gbt27922.activeKind', p?.kind ?? '');
    const vm = buildViewModel(p);
    treeView.description = vm.kind === 'audit' || vm.kind === 'manual' ? vm.documentName : undefined;
    const subject = p?.kind === 'audit' ? p.uri : undefined;
    if (treeView.visible) tree.scheduleRefresh(subject !== lastTreeSubject ? 0 : 400);
    lastTreeSubject = subject;
  };
  context.subscriptions.push(
    model.onDidChange(render),
    treeView.onDidChangeVisibility((e) => {
      if (e.visible) tree.scheduleRefresh(0);
    }),
    lc.onDidChangeState((e) => {
      output.appendLine(`[client] server ${stateName(e.oldState)} → ${stateName(e.newState)}`);
      if (e.newState === State.Running) {
        model.clearVersions();
        void model.refresh().then(render);
        tree.scheduleRefresh(0);
      } else if (e.newState === State.Stopped && e.oldState === State.Running && !deactivating) {
        statusBar.showBusy(vscode.l10n.t('GB/T 27922 restarting…'));
      }
    }),
    vscode.window.registerWebviewPanelSerializer(SCORE_PANEL_VIEW_TYPE, {
      deserializeWebviewPanel: async (webviewPanel) => panel.restore(webviewPanel, model.active),
    }),
  );

  const host: CommandHost = {
    client: lc,
    extensionUri: context.extensionUri,
    log: output,
    activePayload: async () => (await model.refresh()) ?? model.active,
    activeUri: () => model.activeUri,
    openPanel: async () => {
      panel.show(model.active);
      void model.refresh();
    },
    restartServer: async () => {
      created.errorHandler.reset();
      statusBar.showBusy(vscode.l10n.t('GB/T 27922 restarting…'));
      if (lc.isRunning()) await lc.restart();
      else await lc.start();
    },
    refreshCatalog: async () => {
      await tree.refresh();
    },
  };
  // PDF export is offered only when LibreOffice is installed.
  void vscode.commands.executeCommand('setContext', LIBREOFFICE_CONTEXT_KEY, !!libreOffice());
  context.subscriptions.push(...registerCommands(host), ...registerWordCommands(host, (name, fn) => guarded(output, name, fn)));

  // Read-only view of the UI state for the extension-host tests; harmless in normal use.
  const getState = (): ExtensionState => ({
    serverState: stateName(lc.state),
    serverPid: serverPid(lc),
    activeUri: model.activeUri,
    payload: model.active,
    statusBar: statusBar.state,
    panel: {
      open: panel.isOpen,
      visible: panel.visible,
      payload: panel.isOpen ? panel.shownPayload : undefined,
      body: panel.isOpen ? panel.shownBody : undefined,
    },
    catalog: { subject: tree.subject, roots: tree.rootNodes.map((n) => n.id) },
  });
  context.subscriptions.push(vscode.commands.registerCommand(TEST_COMMANDS.getState, getState));
  const api: GbtExtensionApi = {
    getState,
    panelData: (uri) => {
      const payload = uri ? model.get(uri) : model.active;
      return { payload, body: renderPanelBody(buildViewModel(payload)) };
    },
    statusText: () => (statusBar.state.visible ? statusBar.state.text : ''),
    whenServerRunning: () =>
      lc.state === State.Running
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const sub = lc.onDidChangeState((e) => {
              if (e.newState === State.Running) {
                sub.dispose();
                resolve();
              }
            });
          }),
  };
  // Trusting the folder lifts Restricted Mode: a server started again reads the workspace's scheme files.
  context.subscriptions.push(
    vscode.workspace.onDidGrantWorkspaceTrust(() => {
      output.appendLine('[client] the workspace is trusted now: restarting the language server with its scheme files');
      void host.restartServer();
    }),
  );
  // Crashing the server on purpose exists only while tests run.
  if (context.extensionMode === vscode.ExtensionMode.Test || process.env.GBT27922_TEST === '1') {
    context.subscriptions.push(
      vscode.commands.registerCommand(TEST_COMMANDS.killServer, () => {
        const pid = serverPid(lc);
        if (pid) process.kill(pid, 'SIGKILL');
        return pid;
      }),
    );
  }

  try {
    await lc.start();
  } catch (e) {
    output.appendLine(`[client] the language server did not start: ${e instanceof Error ? e.message : String(e)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('The GB/T 27922 language server did not start. See the output for details.'));
  }
  return api;
}

export async function deactivate(): Promise<void> {
  deactivating = true;
  const c = client;
  client = undefined;
  if (c?.needsStop()) await c.stop();
}

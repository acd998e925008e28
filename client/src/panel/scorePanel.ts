/**
 * The live score panel (a WebviewPanel). The page is rendered once (renderPanelHtml); later
 * payloads are posted as escaped HTML fragments ({type:'update', html}) that media/panel.js
 * swaps in, so typing never reloads the page. Rows post {type:'open', uri, range}; only places
 * the current view model shows are opened.
 */
import * as vscode from 'vscode';
import type { DocumentScorePayload } from '../../../server/src/protocol';
import { EXPORT_COMMANDS, libreOffice } from '../export';
import { makeNonce, renderPanelBody, renderPanelHtml, type ExportButton, type RenderOptions } from './html';
import { buildViewModel, isKnownLink, type PanelViewModel } from './viewModel';

export const SCORE_PANEL_VIEW_TYPE = 'gbt27922.scorePanel';

/** The panel's export buttons: Word and Excel always, PDF when LibreOffice is found. */
export function panelExports(): ExportButton[] {
  return libreOffice() ? ['docx', 'xlsx', 'pdf'] : ['docx', 'xlsx'];
}

interface OpenMessage {
  type: 'open';
  uri?: unknown;
  range?: unknown;
}

export class ScorePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private payload: DocumentScorePayload | undefined;
  private vm: PanelViewModel = buildViewModel(undefined);
  private lastPostedBody: string | undefined;
  private panelDisposables: vscode.Disposable[] = [];
  private readonly media: vscode.Uri;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: vscode.OutputChannel,
  ) {
    this.media = vscode.Uri.joinPath(extensionUri, 'media');
  }

  get visible(): boolean {
    return !!this.panel?.visible;
  }

  get isOpen(): boolean {
    return !!this.panel;
  }

  /** What the panel shows now (for the test-only state command). */
  get shownPayload(): DocumentScorePayload | undefined {
    return this.payload;
  }

  get shownBody(): string | undefined {
    return this.panel ? renderPanelBody(this.vm, this.renderOptions()) : undefined;
  }

  /** Open the panel beside the editor (or reveal it). */
  show(payload: DocumentScorePayload | undefined, preserveFocus = true): void {
    this.payload = payload;
    this.vm = buildViewModel(payload);
    if (this.panel) {
      this.panel.reveal(undefined, preserveFocus);
      this.post();
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      SCORE_PANEL_VIEW_TYPE,
      vscode.l10n.t('GB/T 27922 Score'),
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus },
      this.webviewOptions(),
    );
    this.attach(panel);
  }

  /** Restore a panel VS Code kept across a reload. */
  restore(panel: vscode.WebviewPanel, payload: DocumentScorePayload | undefined): void {
    this.panel?.dispose();
    panel.webview.options = this.webviewOptions();
    this.payload = payload;
    this.vm = buildViewModel(payload);
    this.attach(panel);
  }

  /** A new payload for the active document: post it if the panel is open. */
  update(payload: DocumentScorePayload | undefined): void {
    this.payload = payload;
    this.vm = buildViewModel(payload);
    this.post();
  }

  private webviewOptions(): vscode.WebviewOptions & vscode.WebviewPanelOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      localResourceRoots: [this.media],
      retainContextWhenHidden: false,
      enableFindWidget: true,
    };
  }

  private attach(panel: vscode.WebviewPanel): void {
    this.panel = panel;
    panel.iconPath = vscode.Uri.joinPath(this.media, 'star.svg');
    this.lastPostedBody = undefined;
    this.setHtml();
    this.panelDisposables.push(
      panel.onDidDispose(() => {
        this.panel = undefined;
        this.lastPostedBody = undefined;
        for (const d of this.panelDisposables) d.dispose();
        this.panelDisposables = [];
      }),
      panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)),
      panel.onDidChangeViewState((e) => {
        // Without retained context the page reloads when shown again; it then sends 'ready'.
        if (!e.webviewPanel.visible) this.lastPostedBody = undefined;
      }),
    );
  }

  private setHtml(): void {
    if (!this.panel) return;
    const webview = this.panel.webview;
    webview.html = renderPanelHtml(this.payload, {
      nonce: makeNonce(),
      cspSource: webview.cspSource,
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'panel.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.media, 'panel.css')).toString(),
      locale: vscode.env.language,
      exports: panelExports(),
    });
    this.lastPostedBody = renderPanelBody(this.vm, this.renderOptions());
  }

  private post(force = false): void {
    if (!this.panel || !this.panel.visible) return;
    const body = renderPanelBody(this.vm, this.renderOptions());
    if (!force && body === this.lastPostedBody) return;
    this.lastPostedBody = body;
    void this.panel.webview.postMessage({ type: 'update', html: body });
  }

  private onMessage(m: unknown): void {
    const msg = m as { type?: unknown } | undefined;
    if (msg?.type === 'ready') {
      this.post(true);
      return;
    }
    if (msg?.type === 'open') void this.open(msg as OpenMessage);
    if (msg?.type === 'export') {
      const format = (msg as { format?: unknown }).format;
      // Only the buttons the panel shows; the command asks where to save.
      if (typeof format === 'string' && (panelExports() as string[]).includes(format)) void vscode.commands.executeCommand(EXPORT_COMMANDS[format as ExportButton]);
      else this.log.appendLine(`[panel] ignored an export request for ${String(format)}`);
    }
  }

  private renderOptions(): RenderOptions {
    return { interactive: true, exports: panelExports() };
  }

  private async open(msg: OpenMessage): Promise<void> {
    const target = { uri: msg.uri, range: msg.range };
    if (!isKnownLink(this.vm, target)) {
      this.log.appendLine(`[panel] ignored a request to open a place the panel does not show: ${String(msg.uri)}`);
      return;
    }
    await openLocation(target.uri, target.range);
  }

  dispose(): void {
    this.panel?.dispose();
  }
}

/** Open `uri` at `range` in the editor column that already shows it, else the first one. */
export async function openLocation(
  uri: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): Promise<vscode.TextEditor> {
  const target = vscode.Uri.parse(uri, true);
  const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
  const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === target.toString());
  const doc = await vscode.workspace.openTextDocument(target);
  const editor = await vscode.window.showTextDocument(doc, {
    viewColumn: visible?.viewColumn ?? vscode.ViewColumn.One,
    selection,
    preserveFocus: false,
    preview: false,
  });
  editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  return editor;
}

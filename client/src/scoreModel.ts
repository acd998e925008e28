/**
 * Which document the score UI shows, and its latest payload.
 * Follows the active Markdown editor (keeps the last one while a panel or view has focus),
 * listens to the server's DOCUMENT_SCORE_NOTIFICATION and asks again when the editor changes
 * or the server (re)starts.
 */
import * as vscode from 'vscode';
import { isAnalysedMarkdown } from './languageClient';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  DOCUMENT_SCORE_NOTIFICATION,
  DOCUMENT_SCORE_REQUEST,
  type DocumentScoreParams,
  type DocumentScorePayload,
} from '../../server/src/protocol';

const MAX_CACHED = 50;

export class ScoreModel implements vscode.Disposable {
  private readonly payloads = new Map<string, DocumentScorePayload>();
  private readonly emitter = new vscode.EventEmitter<DocumentScorePayload | undefined>();
  private readonly disposables: vscode.Disposable[] = [];
  private activeUriValue: string | undefined;

  /** Fires with the active document's payload whenever it (or the active document) changes. */
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly client: BaseLanguageClient,
    private readonly log: vscode.OutputChannel,
  ) {
    this.disposables.push(
      this.emitter,
      client.onNotification(DOCUMENT_SCORE_NOTIFICATION, (p: DocumentScorePayload) => this.accept(p)),
      vscode.window.onDidChangeActiveTextEditor((e) => this.follow(e)),
      vscode.workspace.onDidCloseTextDocument((d) => {
        // A re-opened document counts its versions from 1 again.
        const key = d.uri.toString();
        const p = this.payloads.get(key);
        if (p && key === this.activeUriValue) this.payloads.set(key, { ...p, version: undefined });
        else this.payloads.delete(key);
      }),
    );
    this.follow(vscode.window.activeTextEditor);
  }

  get activeUri(): string | undefined {
    return this.activeUriValue;
  }

  /** The active document's latest payload (undefined until the server answers). */
  get active(): DocumentScorePayload | undefined {
    return this.activeUriValue ? this.payloads.get(this.activeUriValue) : undefined;
  }

  /** Latest payload of any document the server told us about. */
  get(uri: string): DocumentScorePayload | undefined {
    return this.payloads.get(uri);
  }

  /** Whether the active text editor shows the document the UI is about. */
  get activeEditorShowsIt(): boolean {
    const e = vscode.window.activeTextEditor;
    return !e || e.document.uri.toString() === this.activeUriValue;
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    if (!editor) return; // focus moved to a panel, view or output: keep the document
    const doc = editor.document;
    if (!isAnalysedMarkdown(doc)) {
      this.emitter.fire(this.active); // same document, but the status bar may hide
      return;
    }
    const uri = doc.uri.toString();
    if (uri !== this.activeUriValue) {
      this.activeUriValue = uri;
      this.emitter.fire(this.active);
    }
    void this.refresh();
  }

  /** Ask the server for the active document's payload. */
  async refresh(): Promise<DocumentScorePayload | undefined> {
    const uri = this.activeUriValue;
    if (!uri || !this.client.isRunning()) return this.active;
    try {
      const p = await this.client.sendRequest<DocumentScorePayload | null>(DOCUMENT_SCORE_REQUEST, { uri } satisfies DocumentScoreParams);
      if (p) this.accept(p);
    } catch (e) {
      this.log.appendLine(`[client] ${DOCUMENT_SCORE_REQUEST} failed for ${uri}: ${e instanceof Error ? e.message : String(e)}`);
    }
    return this.active;
  }

  /** Store a payload unless it is older than the one we have; tell listeners if it is the active one. */
  accept(p: DocumentScorePayload): void {
    if (!p || typeof p.uri !== 'string') return;
    const old = this.payloads.get(p.uri);
    if (old && typeof old.version === 'number' && typeof p.version === 'number' && p.version < old.version) return;
    this.payloads.delete(p.uri);
    this.payloads.set(p.uri, p);
    while (this.payloads.size > MAX_CACHED) {
      const oldest = this.payloads.keys().next().value;
      if (oldest === undefined || oldest === this.activeUriValue) break;
      this.payloads.delete(oldest);
    }
    if (p.uri === this.activeUriValue) this.emitter.fire(p);
  }

  /** Forget everything (the server restarted: versions start again). */
  clearVersions(): void {
    for (const [uri, p] of this.payloads) this.payloads.set(uri, { ...p, version: undefined });
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

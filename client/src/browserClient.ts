/**
 * The web language client (VS Code for the Web: github.dev, vscode.dev): the bundled server
 * (dist/browser/server.js) runs in a web worker. It has no file system of its own: it reads the
 * workspace through the client (languageClient.ts, registerWorkspaceFiles).
 *
 * Each start of the server (the first, a restart, after a crash) is a fresh worker: a worker
 * whose connection was shut down does not answer again. Where the extension is served over http
 * (github.dev, vscode.dev) the worker starts from the bundle's URL; an extension installed on a
 * remote (code-server) has `vscode-remote:` URIs, from which VS Code's web extension host starts no
 * worker, so the bundle is fetched (the host's fetch resolves those URIs) and started from a blob.
 */
import * as vscode from 'vscode';
import { BaseLanguageClient, BrowserMessageReader, BrowserMessageWriter, type LanguageClientOptions, type MessageTransports } from 'vscode-languageclient/browser';
import type { ClientPlatform } from './activate';
import { CLIENT_ID, clientOptions, RestartingErrorHandler } from './languageClient';

/** The web worker API (the project compiles against Node's types, not the DOM's). */
interface WebWorker {
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => WebWorker;

type WorkerPort = ConstructorParameters<typeof BrowserMessageReader>[0];

/** A worker running the server bundle at `uri`. */
export async function startServerWorker(uri: vscode.Uri): Promise<WebWorker> {
  const options = { name: 'gbt27922-language-server' };
  if (/^https?$/i.test(uri.scheme)) return new Worker(uri.toString(true), options);
  const response = await fetch(uri.toString(true));
  if (!response.ok) throw new Error(`${uri.toString(true)}: ${response.status} ${response.statusText}`);
  const source = `${await response.text()}\n//# sourceURL=${uri.toString(true)}`;
  return new Worker(URL.createObjectURL(new Blob([source], { type: 'application/javascript' })), options);
}

export class WorkerLanguageClient extends BaseLanguageClient {
  private worker: WebWorker | undefined;

  constructor(
    id: string,
    name: string,
    options: LanguageClientOptions,
    private readonly serverMain: vscode.Uri,
  ) {
    super(id, name, options);
  }

  protected async createMessageTransports(_encoding: string): Promise<MessageTransports> {
    this.worker?.terminate();
    this.worker = await startServerWorker(this.serverMain);
    const port = this.worker as unknown as WorkerPort;
    return { reader: new BrowserMessageReader(port), writer: new BrowserMessageWriter(port) };
  }

  override async dispose(timeout?: number): Promise<void> {
    try {
      await super.dispose(timeout);
    } finally {
      this.worker?.terminate();
      this.worker = undefined;
    }
  }
}

function createBrowserClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, onGiveUp: () => void): { client: BaseLanguageClient; errorHandler: RestartingErrorHandler } {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  const errorHandler = new RestartingErrorHandler(output, onGiveUp);
  const client = new WorkerLanguageClient(CLIENT_ID, vscode.l10n.t('GB/T 27922 Language Server'), clientOptions(context, output, errorHandler), serverMain);
  return { client, errorHandler };
}

/**
 * No crash command here: a terminated worker sends nothing the client would notice (no exit, no
 * error event), so it could not show what a crashed server process shows on the desktop.
 */
export const browserPlatform: ClientPlatform = {
  createClient: createBrowserClient,
};

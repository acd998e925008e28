/**
 * The web language client (VS Code for the Web: github.dev, vscode.dev): the bundled server
 * (dist/browser/server.js) runs in a web worker. It has no file system of its own: it reads the
 * workspace through the client (languageClient.ts, registerWorkspaceFiles).
 */
import * as vscode from 'vscode';
import { LanguageClient } from 'vscode-languageclient/browser';
import type { ClientPlatform } from './activate';
import { CLIENT_ID, clientOptions, RestartingErrorHandler } from './languageClient';

/** The web worker API (the project compiles against Node's types, not the DOM's). */
interface WebWorker {
  terminate(): void;
}
declare const Worker: new (url: string, options?: { name?: string }) => WebWorker;

function createBrowserClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, onGiveUp: () => void): { client: LanguageClient; errorHandler: RestartingErrorHandler } {
  const serverMain = vscode.Uri.joinPath(context.extensionUri, 'dist', 'browser', 'server.js');
  const worker = new Worker(serverMain.toString(true), { name: 'gbt27922-language-server' });
  const errorHandler = new RestartingErrorHandler(output, onGiveUp);
  const client = new LanguageClient(CLIENT_ID, vscode.l10n.t('GB/T 27922 Language Server'), clientOptions(context, output, errorHandler), worker as ConstructorParameters<typeof LanguageClient>[3]);
  return { client, errorHandler };
}

/**
 * No crash command here: a terminated worker sends nothing the client would notice (no exit, no
 * error event), so it could not show what a crashed server process shows on the desktop.
 */
export const browserPlatform: ClientPlatform = {
  createClient: createBrowserClient,
};

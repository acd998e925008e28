/**
 * The GB/T 27922 language server as a web worker (VS Code for the Web: github.dev, vscode.dev),
 * started by the web client (client/src/browserClient.ts). The server itself is
 * lsp/languageServer.ts, as in Node; here it has no disk (every file is read through the client:
 * index/clientFiles.ts), no worker threads (chunks are parsed on this worker's own thread,
 * index/parsePool.ts), no disk cache and no file watcher of its own (the client's).
 */
import { BrowserMessageReader, BrowserMessageWriter, createConnection } from 'vscode-languageserver/browser';
import { InlineParser } from './index/parsePool';
import { startLanguageServer, type ServerPlatform } from './lsp/languageServer';

type WorkerScope = ConstructorParameters<typeof BrowserMessageReader>[0];
interface ErrorEvents {
  addEventListener(type: 'error' | 'unhandledrejection', listener: (event: { message?: string; error?: unknown; reason?: unknown }) => void): void;
}
/** The worker's global scope (the project compiles against Node's types, not the web worker's). */
declare const self: unknown;
const scope = self as WorkerScope;

const connection = createConnection(new BrowserMessageReader(scope), new BrowserMessageWriter(scope));

const describe = (e: unknown) => (e instanceof Error ? (e.stack ?? e.message) : String(e));
(self as ErrorEvents).addEventListener('error', (e) => connection.console.error(`uncaught exception: ${describe(e.error ?? e.message)}`));
(self as ErrorEvents).addEventListener('unhandledrejection', (e) => connection.console.error(`unhandled rejection: ${describe(e.reason)}`));

const platform: ServerPlatform = {
  startMessages: () => ['server in a web worker: files read through the client, parsed on this thread, no disk cache'],
  indexServices: () => ({ pool: new InlineParser() }),
  collectWhenIdle: () => {},
};

startLanguageServer(connection, platform);

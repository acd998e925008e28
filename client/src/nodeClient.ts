/**
 * The desktop language client: the bundled server (dist/server.js) as a Node process over IPC.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type BaseLanguageClient, type ServerOptions } from 'vscode-languageclient/node';
import { SERVER_NODE_ARGS } from '../../server/src/launch';
import type { ClientPlatform } from './activate';
import { guarded } from './commands';
import { panelExports, registerOfficeCommands } from './export';
import { registerWordCommands } from './wordImport';
import { writeOutputFile } from '../../server/src/io/outputFile';
import { CLIENT_ID, clientOptions, RestartingErrorHandler } from './languageClient';

function createNodeClient(context: vscode.ExtensionContext, output: vscode.OutputChannel, onGiveUp: () => void): { client: LanguageClient; errorHandler: RestartingErrorHandler } {
  const serverModule = context.asAbsolutePath('dist/server.js');
  const inspect = process.env.GBT27922_INSPECT_SERVER;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: [...SERVER_NODE_ARGS] } },
    debug: {
      module: serverModule,
      transport: TransportKind.ipc,
      options: { execArgv: [...SERVER_NODE_ARGS, ...(inspect ? ['--nolazy', `--inspect=${inspect}`] : [])] },
    },
  };
  const errorHandler = new RestartingErrorHandler(output, onGiveUp);
  const client = new LanguageClient(CLIENT_ID, vscode.l10n.t('GB/T 27922 Language Server'), serverOptions, clientOptions(context, output, errorHandler));
  return { client, errorHandler };
}

/** The server's child process, when the transport exposes it (used by the test-only crash command). */
export function serverPid(client: BaseLanguageClient): number | undefined {
  const proc = (client as unknown as { _serverProcess?: { pid?: number } })._serverProcess;
  return typeof proc?.pid === 'number' ? proc.pid : undefined;
}

export const nodePlatform: ClientPlatform = {
  createClient: createNodeClient,
  serverPid,
  killServer: (client) => {
    const pid = serverPid(client);
    if (pid) process.kill(pid, 'SIGKILL');
    return pid;
  },
  testEnvironment: () => process.env.GBT27922_TEST === '1',
  registerCommands: (host) => [...registerOfficeCommands(host), ...registerWordCommands(host, (name, fn) => guarded(host.log, name, fn))],
  panelExports,
  writeLocalFile: (fsPath, text) => writeOutputFile(fsPath, text),
};

/**
 * GB/T 27922 extension, desktop build (package.json `main`): the language server runs as a Node
 * process. The web build is browserExtension.ts; what they share is activate.ts.
 */
import type * as vscode from 'vscode';
import { activateExtension, deactivateExtension, type GbtExtensionApi } from './activate';
import { nodePlatform } from './nodeClient';

export type { ExtensionState, GbtExtensionApi } from './activate';
export { TEST_COMMANDS } from './activate';

export function activate(context: vscode.ExtensionContext): Promise<GbtExtensionApi> {
  return activateExtension(context, nodePlatform);
}

export function deactivate(): Promise<void> {
  return deactivateExtension();
}

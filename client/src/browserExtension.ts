/**
 * GB/T 27922 extension, web build (package.json `browser`): VS Code for the Web (github.dev,
 * vscode.dev) runs it in a web worker extension host, with the language server in a web worker of
 * its own. The desktop build is extension.ts; what they share is activate.ts.
 */
import type * as vscode from 'vscode';
import { activateExtension, deactivateExtension, type GbtExtensionApi } from './activate';
import { browserPlatform } from './browserClient';

export function activate(context: vscode.ExtensionContext): Promise<GbtExtensionApi> {
  return activateExtension(context, browserPlatform);
}

export function deactivate(): Promise<void> {
  return deactivateExtension();
}

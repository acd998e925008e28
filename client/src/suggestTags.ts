/**
 * "Suggest Clause Tags for This File" (both builds): asks the server for every confident
 * suggestion of the file as one WorkspaceEdit and applies it: one undo step takes it all back.
 */
import * as vscode from 'vscode';
import { SUGGEST_FILE_REQUEST, type SuggestFileResult } from '../../server/src/protocol';
import { guarded, type CommandHost } from './commands';

export const WORD_COMMANDS = {
  importWord: 'gbt27922.importWord',
  suggestTags: 'gbt27922.suggestTags',
} as const;

/** Apply every confident suggestion of the file as one edit; resolves with the number of headings tagged. */
export async function suggestTagsForFile(host: CommandHost, target?: vscode.Uri): Promise<number> {
  const uri = target ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open a manual file first.'));
    return 0;
  }
  const r = await host.client.sendRequest<SuggestFileResult>(SUGGEST_FILE_REQUEST, { uri: uri.toString() });
  if (!r || r.count === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No section of this file has a confident clause suggestion.'));
    return 0;
  }
  const edit = await host.client.protocol2CodeConverter.asWorkspaceEdit(r.edit);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('The edit could not be applied.'));
  void vscode.window.showInformationMessage(vscode.l10n.t('Tagged {0} sections with suggested clauses (undo takes them all back).', r.count));
  return r.count;
}

export function registerSuggestCommand(host: CommandHost): vscode.Disposable {
  return vscode.commands.registerCommand(
    WORD_COMMANDS.suggestTags,
    guarded(host.log, WORD_COMMANDS.suggestTags, (target?: vscode.Uri) => suggestTagsForFile(host, target instanceof vscode.Uri ? target : undefined)),
  );
}

'use strict';
// Test harness only (test/vscode-harness/runInCodeServer.ts, option virtualWorkspace): a file
// system provider for the scheme `gbt27922-mirror` whose files are those of the code-server
// machine, `gbt27922-mirror://HOST/abs/path` ↔ `vscode-remote://HOST/abs/path`. Opening a folder
// of this scheme makes the window a virtual workspace, as github.dev's `vscode-vfs://` is:
// extensions without `virtualWorkspaces` support are disabled, and file access goes through
// `vscode.workspace.fs` and this provider. Changes made through it are reported to watchers. It
// also finds files (`workspace.findFiles`, quick open, other extensions' workspace symbols), as
// github.dev's file system does: the proposed file search API, which the harness enables.
const vscode = require('vscode');

const SCHEME = 'gbt27922-mirror';

function remote(uri) {
  return uri.with({ scheme: 'vscode-remote' });
}

function activate(context) {
  const emitter = new vscode.EventEmitter();
  const changed = (type, uri) => emitter.fire([{ type, uri }]);
  const fs = vscode.workspace.fs;
  const provider = {
    onDidChangeFile: emitter.event,
    watch: () => new vscode.Disposable(() => undefined),
    stat: (uri) => fs.stat(remote(uri)),
    readDirectory: (uri) => fs.readDirectory(remote(uri)),
    readFile: (uri) => fs.readFile(remote(uri)),
    createDirectory: async (uri) => {
      await fs.createDirectory(remote(uri));
      changed(vscode.FileChangeType.Created, uri);
    },
    writeFile: async (uri, content, options) => {
      let exists = true;
      try {
        await fs.stat(remote(uri));
      } catch {
        exists = false;
      }
      if (!exists && !options.create) throw vscode.FileSystemError.FileNotFound(uri);
      if (exists && options.create && !options.overwrite) throw vscode.FileSystemError.FileExists(uri);
      await fs.writeFile(remote(uri), content);
      changed(exists ? vscode.FileChangeType.Changed : vscode.FileChangeType.Created, uri);
    },
    delete: async (uri, options) => {
      await fs.delete(remote(uri), { recursive: options.recursive, useTrash: false });
      changed(vscode.FileChangeType.Deleted, uri);
    },
    rename: async (from, to, options) => {
      await fs.rename(remote(from), remote(to), { overwrite: options.overwrite });
      changed(vscode.FileChangeType.Deleted, from);
      changed(vscode.FileChangeType.Created, to);
    },
  };
  context.subscriptions.push(vscode.workspace.registerFileSystemProvider(SCHEME, provider, { isCaseSensitive: true }), emitter);
  if (typeof vscode.workspace.registerFileSearchProvider === 'function') {
    context.subscriptions.push(vscode.workspace.registerFileSearchProvider(SCHEME, { provideFileSearchResults: (query, options, token) => findFiles(query, options, token) }));
  }
}

/** Every file under the folder (not in node_modules or .git) whose name has the query's characters in order. */
async function findFiles(query, options, token) {
  const pattern = String((query && query.pattern) || '').toLowerCase();
  const matches = (name) => {
    let i = 0;
    for (const ch of name.toLowerCase()) if (ch === pattern[i]) i++;
    return i === pattern.length;
  };
  const max = options.maxResults || Infinity;
  const out = [];
  const walk = async (dir) => {
    if (token.isCancellationRequested || out.length >= max) return;
    let entries;
    try {
      entries = await vscode.workspace.fs.readDirectory(remote(dir));
    } catch {
      return;
    }
    for (const [name, type] of entries) {
      const child = vscode.Uri.joinPath(dir, name);
      if (type & vscode.FileType.Directory) {
        if (name !== 'node_modules' && name !== '.git') await walk(child);
      } else if (type & vscode.FileType.File && matches(name) && out.length < max) out.push(child);
    }
  };
  await walk(options.folder);
  return out;
}

module.exports = { activate, deactivate: () => undefined };

// sbp-lint for VS Code: starts `sbp-lint lsp` (a language server over stdio) for Markdown and plain text.
// Everything else (checks, quick fixes, hover, configuration) lives in the server, so this file stays small.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

function serverOptions() {
  const command = vscode.workspace.getConfiguration('sbp-lint').get('path') || 'sbp-lint';
  // No `transport`: the client then talks over stdio without adding a `--stdio` argument.
  return { command, args: ['lsp'] };
}

function clientOptions() {
  return {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
      { scheme: 'file', language: 'plaintext' },
      { scheme: 'untitled', language: 'plaintext' },
      // Sent to the server (not checked) so an unsaved edit of the allow list counts at once.
      { scheme: 'file', pattern: '**/.sbp-lint.{yaml,yml}' },
    ],
  };
}

async function activate(context) {
  client = new LanguageClient('sbp-lint', 'sbp-lint', serverOptions(), clientOptions());
  context.subscriptions.push(
    vscode.commands.registerCommand('sbp-lint.restart', async () => {
      if (client) {
        await client.stop();
      }
      client = new LanguageClient('sbp-lint', 'sbp-lint', serverOptions(), clientOptions());
      await client.start();
    }),
  );
  try {
    await client.start();
  } catch (error) {
    vscode.window.showErrorMessage(
      `sbp-lint could not start '${serverOptions().command} lsp': ${error.message}. ` +
        "Install it with: pip install 'sbp-lint[lsp]', or set sbp-lint.path.",
    );
  }
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };

// `npm test`: the extension and vscode-languageclient load, and activate() builds a client for `sbp-lint lsp`.
// Outside VS Code there is no `vscode` module, so a stand-in records what the extension asks of it.
'use strict';

const assert = require('assert');
const Module = require('module');

function anything() {
  // A callable object whose every property is another one: enough for modules that only read at load time.
  const fn = function () { return anything(); };
  return new Proxy(fn, { get: (target, key) => (key === 'then' ? undefined : key in target ? target[key] : anything()) });
}

const registered = [];
const vscode = new Proxy({}, {
  get(_, key) {
    if (key === 'workspace') {
      return new Proxy({}, { get: (_, k) => (k === 'getConfiguration' ? () => ({ get: () => undefined }) : anything()) });
    }
    if (key === 'version') return '1.82.0';  // the oldest VS Code package.json's engines allow
    if (key === 'commands') return { registerCommand: (name) => { registered.push(name); return { dispose() {} }; } };
    return anything();
  },
});
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

const { LanguageClient } = require('vscode-languageclient/node');
assert.strictEqual(typeof LanguageClient, 'function');

let created;
LanguageClient.prototype.start = function () { created = this; return Promise.resolve(); };
const extension = require('../extension.js');
assert.strictEqual(typeof extension.activate, 'function');
assert.strictEqual(typeof extension.deactivate, 'function');

extension.activate({ subscriptions: [] }).then(() => {
  assert.ok(created, 'activate() started a LanguageClient');
  assert.deepStrictEqual(created._serverOptions, { command: 'sbp-lint', args: ['lsp'] });
  const languages = created._clientOptions.documentSelector.map((s) => s.language).filter(Boolean);
  assert.deepStrictEqual([...new Set(languages)], ['markdown', 'plaintext']);
  assert.deepStrictEqual(registered, ['sbp-lint.restart']);
  console.log('ok: vscode-languageclient/node loads; activate() starts `sbp-lint lsp` for Markdown and plain text');
});

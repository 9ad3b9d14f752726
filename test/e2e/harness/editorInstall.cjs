// Where the test editor lives. Shared by the setup script (plain Node) and the TypeScript
// harness, so both agree on one cache folder. CommonJS, so that both can load it as it is.
/* eslint-disable @typescript-eslint/no-require-imports */
'use strict';
const fs = require('node:fs');
const path = require('node:path');

// 4.100.3 is the last code-server that runs on Node 20 (later ones need Node 22).
const CODE_SERVER_VERSION = '4.100.3';

/** `.vscode-test/` at the repository root (git ignores it), unless OURO_EDITOR_CACHE names another folder. */
function editorCacheDir() {
  return process.env.OURO_EDITOR_CACHE || path.resolve(__dirname, '..', '..', '..', '.vscode-test');
}

function codeServerDir() {
  return path.join(editorCacheDir(), `code-server-${CODE_SERVER_VERSION}`);
}

/** The script to run with `node`, or undefined while the setup has not completed. */
function codeServerEntry() {
  const dir = codeServerDir();
  if (!fs.existsSync(path.join(dir, '.installed'))) return undefined;
  return path.join(dir, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function chromiumPath() {
  if (process.env.OURO_CHROMIUM) return process.env.OURO_CHROMIUM;
  return ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find((p) => fs.existsSync(p));
}

module.exports = { CODE_SERVER_VERSION, editorCacheDir, codeServerDir, codeServerEntry, chromiumPath };

// Hidden tests of list_files, through the agent's own runTool, and a test of it was added.
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const { runTool, tools } = await import(pathToFileURL(resolve('agent.js')).href);
assert.ok(tools.list_files, 'there is no list_files tool');
assert.deepEqual(tools.list_files.parameters.required, ['path']);
const dir = mkdtempSync(join(tmpdir(), 'list-'));
try {
  writeFileSync(join(dir, 'b.txt'), '');
  writeFileSync(join(dir, 'a.txt'), '');
  mkdirSync(join(dir, 'sub'));
  assert.equal(runTool('list_files', { path: dir }).trim(), 'a.txt\nb.txt\nsub/');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
assert.match(readFileSync('test/agent.test.js', 'utf8'), /list_files/, 'no test of list_files');

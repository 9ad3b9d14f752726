// The counts are right, and a self-made tool exists with a tool.json Ouro can load.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';

assert.equal(readFileSync('TODOS.txt', 'utf8').trim(), 'src/api.js: 2\nsrc/cache.js: 1\nsrc/util.js: 0');
const tools = readdirSync('.ouro/tools');
assert.ok(tools.length > 0, 'no tool in .ouro/tools');
for (const name of tools) {
  const manifest = JSON.parse(readFileSync(`.ouro/tools/${name}/tool.json`, 'utf8'));
  assert.equal(manifest.name, name);
  assert.equal(manifest.parameters.type, 'object');
  assert.ok(manifest.command && manifest.description);
}

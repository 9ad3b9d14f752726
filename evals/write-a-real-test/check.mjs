// The test passes on clamp.js and fails on each broken version of it (a mutation test).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const original = readFileSync('src/clamp.js', 'utf8');
const runTests = () => spawnSync(process.execPath, ['--test', 'src/clamp.test.js'], { encoding: 'utf8' }).status;
assert.equal(runTests(), 0, 'src/clamp.test.js fails on the real clamp');
const mutants = {
  'no lower bound': original.replace('Math.max(value, min)', 'value'),
  'no upper bound': original.replace('Math.min(Math.max(value, min), max)', 'Math.max(value, min)'),
  'bounds swapped': original.replace('Math.min(Math.max(value, min), max)', 'Math.max(Math.min(value, min), max)'),
};
try {
  for (const [name, source] of Object.entries(mutants)) {
    assert.notEqual(source, original);
    writeFileSync('src/clamp.js', source);
    assert.notEqual(runTests(), 0, `the tests do not notice: ${name}`);
  }
} finally {
  writeFileSync('src/clamp.js', original);
}

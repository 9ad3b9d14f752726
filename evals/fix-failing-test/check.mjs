// The tests pass (checked before this) and are the ones the task started with.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const original = readFileSync(join(process.env.OURO_TASK_DIR, 'workspace/test/cart.test.js'), 'utf8');
assert.equal(readFileSync('test/cart.test.js', 'utf8'), original, 'the test file was changed');

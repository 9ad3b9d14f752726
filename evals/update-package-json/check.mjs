// The two changes, and nothing else changed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const before = JSON.parse(readFileSync(join(process.env.OURO_TASK_DIR, 'workspace/package.json'), 'utf8'));
const after = JSON.parse(readFileSync('package.json', 'utf8'));
assert.equal(after.scripts.lint, 'eslint .');
assert.equal(after.dependencies.lodash, undefined);
assert.equal(after.devDependencies.lodash, '4.17.21');
const expected = structuredClone(before);
expected.scripts.lint = 'eslint .';
delete expected.dependencies.lodash;
expected.devDependencies.lodash = '4.17.21';
const sorted = (value) => (value && typeof value === 'object' ? Object.fromEntries(Object.keys(value).sort().map((key) => [key, sorted(value[key])])) : value);
assert.deepEqual(sorted(after), sorted(expected));

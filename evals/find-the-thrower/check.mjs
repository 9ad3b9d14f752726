// The answer is the function that throws, and no other file changed.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

assert.equal(readFileSync('ANSWER.txt', 'utf8').trim().replace(/\(\)$/, ''), 'verifySignature');
for (const file of ['src/auth/login.js', 'src/auth/tokens.js', 'src/http/errors.js']) {
  assert.equal(readFileSync(file, 'utf8'), readFileSync(join(process.env.OURO_TASK_DIR, 'workspace', file), 'utf8'), `${file} changed`);
}

// No getUserName is left anywhere, displayName is exported, and the program still runs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

for (const file of readdirSync('src')) assert.doesNotMatch(readFileSync(`src/${file}`, 'utf8'), /getUserName/, `src/${file} still says getUserName`);
const users = await import(pathToFileURL(resolve('src/users.js')).href);
assert.equal(users.displayName({ first: 'Grace', last: 'Hopper' }), 'Grace Hopper');
assert.equal(execFileSync(process.execPath, ['src/main.js'], { encoding: 'utf8' }), 'Hello, Ada Lovelace!\n- Ada Lovelace\n- Alan Turing\n');

// Hidden tests: every rule of SPEC.md.
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const { slugify } = await import(pathToFileURL(resolve('src/slugify.js')).href);
assert.equal(slugify('Hello World'), 'hello-world');
assert.equal(slugify('Crème brûlée'), 'creme-brulee');
assert.equal(slugify('  --Rock & Roll!!  '), 'rock-roll');
assert.equal(slugify('Version 2.0'), 'version-2-0');
assert.equal(slugify('!!!'), 'untitled');
assert.equal(slugify(''), 'untitled');
console.log('slugify meets the spec');

// The trim option works, and fields are kept as they are without it.
import assert from 'node:assert/strict';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const { parseCsv } = await import(pathToFileURL(resolve('src/csv.js')).href);
assert.deepEqual(parseCsv(' a , b\n', { trim: true }), [['a', 'b']]);
assert.deepEqual(parseCsv(' a , b\n'), [[' a ', ' b']]);

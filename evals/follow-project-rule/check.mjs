// isLeapYear works, has a JSDoc comment with @example, and has a test next to it that passes.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';

const { isLeapYear } = await import(pathToFileURL(resolve('src/dates.js')).href);
for (const [year, leap] of [[2024, true], [1900, false], [2000, true], [2023, false]]) assert.equal(isLeapYear(year), leap, `isLeapYear(${year})`);
const source = readFileSync('src/dates.js', 'utf8');
assert.match(source, /\/\*\*(?:(?!\*\/)[\s\S])*@example(?:(?!\*\/)[\s\S])*\*\/\s*export function isLeapYear/, 'isLeapYear has no JSDoc with @example');
assert.ok(existsSync('src/dates.test.js'), 'no src/dates.test.js');
assert.match(readFileSync('src/dates.test.js', 'utf8'), /isLeapYear/);
execFileSync(process.execPath, ['--test', 'src/'], { stdio: 'pipe' });

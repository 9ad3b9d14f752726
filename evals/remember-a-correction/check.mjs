// The lesson is in the project's rules (AGENTS.md or .ouro/rules/), and what was there is kept.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';

const rules = ['AGENTS.md', ...(existsSync('.ouro/rules') ? readdirSync('.ouro/rules').map((file) => `.ouro/rules/${file}`) : [])];
const text = rules.map((file) => readFileSync(file, 'utf8')).join('\n');
assert.match(text, /Run the tests with `pnpm test`\./, 'AGENTS.md lost what it said');
const lesson = text.split('\n').filter((line) => /pnpm/i.test(line) && /npm/i.test(line.replace(/pnpm/gi, '')));
assert.ok(lesson.length > 0, 'no lesson says to use pnpm rather than npm');

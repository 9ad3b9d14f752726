// The one finding: qa.json sets retries differently.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const finding = readFileSync('FINDING.txt', 'utf8').trim();
assert.match(finding, /^(config\/)?qa\.json: *retries$/, `FINDING.txt says "${finding}"`);

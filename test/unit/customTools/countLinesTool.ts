// The count_lines fixture (test/fixtures/selfMadeTools) as temp-tree entries, with changes to
// its tool.json for the case at hand.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TreeSpec } from '../workspace/tempTree';

const FIXTURE = join(__dirname, '..', '..', 'fixtures', 'selfMadeTools', 'count_lines');

export const COUNT_LINES_MANIFEST = JSON.parse(readFileSync(join(FIXTURE, 'tool.json'), 'utf8')) as Record<string, unknown> & { parameters: Record<string, unknown> };
export const COUNT_LINES_SCRIPT = readFileSync(join(FIXTURE, 'count.mjs'), 'utf8');

export function countLinesTool(overrides: Record<string, unknown> = {}): TreeSpec {
  return {
    '.ouro/tools/count_lines/tool.json': JSON.stringify({ ...COUNT_LINES_MANIFEST, ...overrides }, null, 2),
    '.ouro/tools/count_lines/count.mjs': COUNT_LINES_SCRIPT,
  };
}

import * as assert from 'node:assert/strict';
import type { Diagnostic } from '../../../src/agent/diagnostics';
import { newProblems } from '../../../src/host/review/newProblems';

function problem(message: string, line: number, more: Partial<Diagnostic> = {}): Diagnostic {
  return { path: 'src/a.ts', line, column: 1, severity: 'error', message, source: 'ts', ...more };
}

describe('problems an edit introduced', () => {
  it('keeps only problems that were not there before', () => {
    const before = [problem("Cannot find name 'x'.", 3)];
    const after = [problem("Cannot find name 'x'.", 3), problem("Cannot find name 'y'.", 9)];
    assert.deepEqual(newProblems(before, after), [problem("Cannot find name 'y'.", 9)]);
  });

  it('does not report an old problem that moved to another line', () => {
    assert.deepEqual(newProblems([problem('Unused variable.', 3)], [problem('Unused variable.', 12)]), []);
  });

  it('counts repeats: a third copy of a message seen twice before is new', () => {
    const before = [problem('Missing semicolon.', 1), problem('Missing semicolon.', 2)];
    const after = [problem('Missing semicolon.', 1), problem('Missing semicolon.', 5), problem('Missing semicolon.', 8)];
    assert.deepEqual(newProblems(before, after), [problem('Missing semicolon.', 8)]);
  });

  it('treats the same message with another severity or source as new', () => {
    const before = [problem('Bad thing.', 1)];
    const after = [problem('Bad thing.', 1, { severity: 'warning' }), problem('Bad thing.', 1, { source: 'eslint' })];
    assert.equal(newProblems(before, after).length, 2);
  });

  it('reports nothing when the edit fixed problems', () => {
    assert.deepEqual(newProblems([problem('A.', 1), problem('B.', 2)], [problem('B.', 2)]), []);
  });
});

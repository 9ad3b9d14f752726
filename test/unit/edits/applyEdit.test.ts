import { strict as assert } from 'node:assert';
import { applyEdit, applyEdits } from '../../../src/agent/edits/index';

describe('applyEdit', () => {
  it('prefers an exact match over a forgiving one elsewhere in the file', () => {
    const outcome = applyEdit('  go();\ngo();\n', { oldString: 'go();\n', newString: 'stop();\n' });
    assert.ok(!outcome.ok, 'the exact text occurs twice, so this is ambiguous');
    const unique = applyEdit('  go();\n  run();\ngo();\nrun();\n', { oldString: 'go();\nrun();', newString: 'x();' });
    assert.deepEqual(unique, { ok: true, content: '  go();\n  run();\nx();\n', replacements: 1, strategy: 'exact', lines: [3] });
  });

  it('reports the lines it replaced at, counted in the original content', () => {
    const outcome = applyEdit('a\r\nb\r\na\r\n', { oldString: 'a', newString: 'z', replaceAll: true });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.lines, [1, 3]);
    assert.equal(outcome.content, 'z\r\nb\r\nz\r\n');
  });

  it('keeps a byte order mark it was given', () => {
    const outcome = applyEdit('\uFEFFa\n', { oldString: 'a', newString: 'b' });
    assert.ok(outcome.ok);
    assert.equal(outcome.content, '\uFEFFb\n');
  });

  it('treats an old_string of whitespace only as exact text, never as a forgiving pattern', () => {
    const outcome = applyEdit('a\n\n\nb\n', { oldString: '\n\n\n', newString: '\n\n' });
    assert.deepEqual(outcome, { ok: true, content: 'a\n\nb\n', replacements: 1, strategy: 'exact', lines: [1] });
    assert.ok(!applyEdit('a\nb\n', { oldString: ' \n ', newString: 'x' }).ok);
  });

  it('never empties a file, even when asked to delete everything', () => {
    const outcome = applyEdit('a\nb\n', { oldString: 'a\nb\n', newString: '' });
    assert.ok(!outcome.ok);
    assert.match(outcome.error, /empty/);
  });

  it('does not create content in a file that has some through an empty old_string', () => {
    const outcome = applyEdit('x', { oldString: '', newString: 'y' });
    assert.ok(!outcome.ok);
    assert.match(outcome.error, /1 line\b/);
  });

  it('leaves input untouched on refusal', () => {
    const content = 'keep me\n';
    const outcome = applyEdit(content, { oldString: 'absent', newString: 'x' });
    assert.ok(!outcome.ok);
    assert.equal(content, 'keep me\n');
  });
});

describe('applyEdits', () => {
  it('applies edits in order and adds up the replacements', () => {
    const outcome = applyEdits('a b a\n', [{ oldString: 'a', newString: 'c', replaceAll: true }, { oldString: 'b', newString: 'd' }]);
    assert.deepEqual(outcome, { ok: true, content: 'c d c\n', replacements: 3, strategies: ['exact', 'exact'] });
  });

  it('fails as a whole, naming the edit that failed and noting shifted line numbers', () => {
    const outcome = applyEdits('one\ntwo\n', [{ oldString: 'one', newString: '1' }, { oldString: 'three', newString: '3' }]);
    assert.ok(!outcome.ok);
    assert.equal(outcome.failedEdit, 1);
    assert.match(outcome.error, /^Edit 2 of 2: old_string was not found/);
    assert.match(outcome.error, /earlier edits as made/);
    assert.match(outcome.error, /No edit was applied\.$/);
  });

  it('refuses an empty list of edits', () => {
    assert.deepEqual(applyEdits('a', []), { ok: false, error: 'No edits were given.', failedEdit: 0 });
  });
});

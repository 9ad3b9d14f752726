// The request derived from the history and the compaction state.
import { strict as assert } from 'node:assert';
import { clippedResult, headLength, requestView, summaryMessage } from '../../../src/agent/context/requestView';
import { answer, calls, result, system, user } from './messages';

describe('request view', () => {
  const history = [system(), user('the task'), calls('a'), result('a', 'line 1\nline 2\nline 3'), answer('read it'), user('now b'), calls('b'), result('b', 'b content')];

  it('sends the history itself, the same message objects, before any compaction', () => {
    const view = requestView(history, { trimmed: [] });
    assert.equal(view.length, history.length);
    view.forEach((message, i) => assert.equal(message, history[i]));
  });

  it('puts the summary after the system prompt and the first user message, in place of what it replaced', () => {
    const view = requestView(history, { trimmed: [], summary: { through: 5, text: 'Read a.' } });
    assert.deepEqual(view.slice(0, 2), history.slice(0, 2));
    assert.deepEqual(view[2], summaryMessage('Read a.', 3));
    assert.match(view[2].content, /3 messages were replaced/);
    assert.deepEqual(view.slice(3), history.slice(5));
  });

  it('replaces a trimmed result with a note naming the tool, its size and how to get it back', () => {
    const view = requestView(history, { trimmed: ['a'] });
    const note = view[3];
    assert.ok(note.role === 'tool');
    assert.equal(note.toolCallId, 'a');
    assert.equal(note.name, 'read_file');
    assert.match(note.content, /read_file result \(3 lines, 20 characters\) was dropped/);
    assert.match(note.content, /Call read_file again/);
    assert.equal(view[7], history[7]);
  });

  it('builds the same bytes every time, so the prompt cache keeps hitting', () => {
    const state = { trimmed: ['a'], summary: { through: 2, text: 'x' } };
    assert.equal(JSON.stringify(requestView(history, state)), JSON.stringify(requestView([...history], { ...state })));
  });

  it('cuts a result too large for the window to its first and last lines, saying how many were left out', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `${String(i + 1).padStart(4)} | line ${i + 1}`);
    const huge = result('h', lines.join('\n'));
    const view = requestView([system(), user('task'), calls('h'), huge], { trimmed: [] }, 2000);
    const sent = view[3].content.split('\n');
    assert.ok(view[3].content.length <= 2000 + 300, `${view[3].content.length} characters`);
    const note = sent.findIndex((line) => line.startsWith('[Cut'));
    assert.equal(sent[note - 1], lines[note - 1]);
    assert.equal(sent[note + 1], lines[1000 - (sent.length - note - 1)]);
    assert.match(sent[note], new RegExp(`^\\[Cut to fit the model's context window: ${1000 - (sent.length - 1)} of the 1000 lines of this read_file result are left out here\\.`));
    assert.equal(requestView([system(), user('task'), calls('h'), huge], { trimmed: [] }, 2000)[3], view[3], 'the same object every time');
    assert.equal(requestView([system(), user('task'), calls('h'), huge], { trimmed: [] })[3], huge, 'no limit, no cut');
  });

  it('cuts a single enormous line by characters', () => {
    const cut = clippedResult(result('x', 'y'.repeat(100_000)), 1000);
    assert.ok(cut.content.length < 1000);
    assert.match(cut.content, /^y{600}\n\[Cut to fit the model's context window: the first line of this read_file result is cut after 600 characters\. /);
    const three = clippedResult(result('x', `${'y'.repeat(5000)}\nsecond ${'z'.repeat(500)}\nthird`), 1000);
    assert.match(three.content, /cut after 600 characters, and 1 line after it is left out\. .*\]\nthird$/);
  });

  it('counts leading system messages as the head when there is no user message yet', () => {
    assert.equal(headLength([system(), system('rules')]), 2);
    assert.equal(headLength([system(), answer('hi'), user('x')]), 3);
    assert.equal(headLength([]), 0);
  });
});

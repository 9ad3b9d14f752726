import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../src/protocol/validate';

describe('parseWebviewMessage', () => {
  const valid: unknown[] = [
    { type: 'ready' },
    { type: 'send', text: 'fix the bug' },
    { type: 'stop' },
    { type: 'newChat' },
    { type: 'accept', toolCallId: 'call_1' },
    { type: 'accept', toolCallId: 'call_1', choice: 'keep' },
    { type: 'reject', toolCallId: 'call_1' },
    { type: 'reject', toolCallId: 'call_1', reason: 'use tabs' },
    { type: 'alwaysAllow', toolCallId: 'call_1', rules: ['npm test', "node -e 'process.exit(3)'"] },
    { type: 'showDiff', toolCallId: 'call_1' },
    { type: 'setApiKey' },
    { type: 'saveSetup', baseUrl: 'http://127.0.0.1:11434/v1', model: 'qwen' },
    { type: 'removeAttachment', id: 'a1' },
    { type: 'copy', text: 'const a = 1;' },
    { type: 'openFile', path: 'src/a.ts' },
    { type: 'searchHistory', query: 'apples' },
    { type: 'searchHistory', query: '' },
    { type: 'openConversation', id: 'c1' },
    { type: 'renameConversation', id: 'c1' },
    { type: 'deleteConversation', id: 'c1' },
    { type: 'compact' },
    { type: 'undoSince', messageIndex: 5 },
    { type: 'openChange', path: 'src/a.ts' },
    { type: 'revertFile', path: 'src/a.ts' },
  ];
  for (const message of valid) {
    it(`accepts a well-formed ${(message as { type: string }).type} message`, () => {
      const parsed = parseWebviewMessage(message);
      assert.equal(parsed.ok, true);
      if (parsed.ok) assert.deepEqual(parsed.message, message);
    });
  }

  const invalid: Array<[string, unknown]> = [
    ['null', null],
    ['a string', 'send'],
    ['an object without a type', { text: 'hi' }],
    ['an unknown type', { type: 'runShell', command: 'rm -rf /' }],
    ['send without text', { type: 'send' }],
    ['send with a number for text', { type: 'send', text: 42 }],
    ['accept without a tool call id', { type: 'accept' }],
    ['accept with an empty tool call id', { type: 'accept', toolCallId: '' }],
    ['accept with an empty choice', { type: 'accept', toolCallId: 'call_1', choice: '' }],
    ['reject with a non-string reason', { type: 'reject', toolCallId: 'c', reason: { evil: true } }],
    ['alwaysAllow without rules', { type: 'alwaysAllow', toolCallId: 'c', rules: [] }],
    ['alwaysAllow with a rule that is not a string', { type: 'alwaysAllow', toolCallId: 'c', rules: [['npm', 'test']] }],
    ['alwaysAllow with an empty rule', { type: 'alwaysAllow', toolCallId: 'c', rules: [''] }],
    ['saveSetup missing the model', { type: 'saveSetup', baseUrl: '' }],
    ['an oversized message', { type: 'send', text: 'x'.repeat(200_001) }],
    ['openConversation without an id', { type: 'openConversation' }],
    ['deleteConversation with an empty id', { type: 'deleteConversation', id: '' }],
    ['searchHistory with a number for the query', { type: 'searchHistory', query: 7 }],
    ['undoSince with a negative index', { type: 'undoSince', messageIndex: -1 }],
    ['undoSince with a fractional index', { type: 'undoSince', messageIndex: 1.5 }],
    ['revertFile without a path', { type: 'revertFile', path: '' }],
  ];
  for (const [name, message] of invalid) {
    it(`refuses ${name}`, () => {
      const parsed = parseWebviewMessage(message);
      assert.equal(parsed.ok, false);
    });
  }

  it('drops fields the schema does not know instead of passing them on', () => {
    const parsed = parseWebviewMessage({ type: 'stop', extra: 'ignored' });
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.message, { type: 'stop' });
  });

  it('names the failing field without echoing the content', () => {
    const secret = 'sk-should-not-appear-in-logs';
    const parsed = parseWebviewMessage({ type: 'reject', toolCallId: 'c', reason: 7, note: secret });
    assert.ok(!parsed.ok);
    assert.match(parsed.error, /reason/);
    assert.match(parsed.error, /type "reject"/);
    assert.ok(!parsed.error.includes(secret));
  });
});

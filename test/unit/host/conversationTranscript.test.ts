// A saved conversation shown again: its messages rebuilt into the transcript, then folded by the
// webview's own reducer, so the chat looks as it did: words, attachments, tool cards with results.
import { strict as assert } from 'node:assert';
import type { Message } from '../../../src/agent/conversation';
import { repairConversation } from '../../../src/agent/history/repairConversation';
import { composeUserMessage, splitUserMessage, type Attachment } from '../../../src/host/chat/attachmentText';
import { transcriptOf } from '../../../src/host/chat/conversationTranscript';
import { withModeInstruction } from '../../../src/agent/modes/chatMode';
import { initialChatState, reduce, type ChatItem } from '../../../src/webview/chatState';

function shown(messages: readonly Message[]): ChatItem[] {
  let n = 0;
  const transcript = transcriptOf(messages, () => `u${++n}`);
  return reduce(initialChatState(), { type: 'snapshot', transcript, state: { ...initialChatState(), busy: false } }).items;
}

const strip = (items: ChatItem[]) => items.map(({ key: _key, ...rest }) => rest);

describe('a saved conversation as a transcript', () => {
  it("shows each turn's usage after its last message, as the live chat did", () => {
    const usage = (requests: number) => ({ requests, promptTokens: 100 * requests, completionTokens: 10, cachedTokens: 0, cost: 0, unpricedRequests: requests });
    const transcript = transcriptOf(
      [
        { role: 'system', content: 'You are Ouro.' },
        { role: 'user', content: 'one' },
        { role: 'assistant', content: 'first' },
        { role: 'user', content: 'two' },
        { role: 'assistant', content: 'second' },
      ],
      () => 'u',
      [
        { messageIndex: 1, usage: usage(1) },
        { messageIndex: 3, usage: usage(2) },
      ],
    );
    assert.deepEqual(
      transcript.map((message) => (message.type === 'agent' ? message.event.type : message.type === 'user' ? `user ${message.messageIndex}` : message.type === 'turnUsage' ? `usage ${message.usage.requests}` : message.type)),
      ['user 1', 'text', 'usage 1', 'user 3', 'text', 'done', 'usage 2'],
    );
  });

  it('shows a message sent while the turn ran where it was delivered, inside its turn', () => {
    const usage = { requests: 2, promptTokens: 200, completionTokens: 10, cachedTokens: 0, cost: 0, unpricedRequests: 2 };
    const transcript = transcriptOf(
      [
        { role: 'system', content: 'You are Ouro.' },
        { role: 'user', content: 'Fix add' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'read_file', arguments: '{"path":"src/add.ts"}' }] },
        { role: 'tool', toolCallId: 'a', name: 'read_file', content: '1: a - b' },
        { role: 'user', content: 'and keep the tests' },
        { role: 'assistant', content: 'Done, tests kept.' },
      ],
      () => 'u',
      [{ messageIndex: 1, usage }],
    );
    assert.deepEqual(
      transcript.map((message) => (message.type === 'agent' ? message.event.type : message.type === 'user' ? `user ${message.messageIndex} ${message.text}` : message.type === 'turnUsage' ? `usage ${message.usage.requests}` : message.type)),
      ['user 1 Fix add', 'tool_call', 'tool_result', 'user 4 and keep the tests', 'text', 'done', 'usage 2'],
    );
  });

  it('shows what the user typed for a prompt file\'s message, not its expansion, with its attachments', () => {
    const content = composeUserMessage('Review src/add.ts for bugs, then list them.', [{ id: 'a1', path: 'src/add.ts', content: 'a - b' } as Attachment]);
    const items = shown([{ role: 'system', content: 's' }, { role: 'user', content, display: '/review src/add.ts' }]);
    assert.deepEqual(strip(items), [{ kind: 'user', text: '/review src/add.ts', attachments: ['src/add.ts'], messageIndex: 1 }]);
  });

  it('shows the words of a message sent in Ask or Plan mode without the mode\'s instruction to the model', () => {
    const items = shown([{ role: 'system', content: 's' }, { role: 'user', content: withModeInstruction('ask', 'How does add work?') }]);
    assert.deepEqual(strip(items), [{ kind: 'user', text: 'How does add work?', attachments: [], messageIndex: 1 }]);
  });

  it('shows the words, the replies and every tool card with its result', () => {
    const items = shown([
      { role: 'system', content: 'You are Ouro.' },
      { role: 'user', content: 'Fix add' },
      { role: 'assistant', content: 'Looking.', reasoning: 'read it first', toolCalls: [{ id: 'a', name: 'read_file', arguments: '{"path":"src/add.ts"}' }] },
      { role: 'tool', toolCallId: 'a', name: 'read_file', content: '1: a - b' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'b', name: 'edit_file', arguments: '{"path":"src/add.ts"}' }, { id: 'c', name: 'run_command', arguments: '{"command":"npm test"}' }] },
      { role: 'tool', toolCallId: 'b', name: 'edit_file', content: 'Error: The change to src/add.ts was rejected: use +. Nothing was written.', isError: true },
      { role: 'tool', toolCallId: 'c', name: 'run_command', content: 'exit 1', isError: true },
      { role: 'assistant', content: 'Done.' },
    ]);
    assert.deepEqual(strip(items), [
      { kind: 'user', text: 'Fix add', attachments: [], messageIndex: 1 },
      { kind: 'assistant', text: 'Looking.', reasoning: 'read it first', streaming: false },
      { kind: 'tool', toolCallId: 'a', name: 'read_file', target: 'src/add.ts', args: '{"path":"src/add.ts"}', status: 'done', result: '1: a - b', pending: undefined },
      {
        kind: 'tool',
        toolCallId: 'b',
        name: 'edit_file',
        target: 'src/add.ts',
        args: '{"path":"src/add.ts"}',
        status: 'rejected',
        result: 'Error: The change to src/add.ts was rejected: use +. Nothing was written.',
        pending: undefined,
        note: 'Rejected',
        rejectedByUser: true,
      },
      { kind: 'tool', toolCallId: 'c', name: 'run_command', target: 'npm test', args: '{"command":"npm test"}', status: 'failed', result: 'exit 1', pending: undefined },
      { kind: 'assistant', text: 'Done.', reasoning: '', streaming: false },
    ]);
  });

  it('shows a proposal ended by Stop as stopped, whether or not its result is marked as an error', () => {
    for (const content of [
      'The change to a.ts was rejected: The user stopped the task before deciding. Nothing was written.',
      'Error: The change to a.ts was rejected: The user stopped the task before deciding. Nothing was written.',
    ]) {
      const items = shown([
        { role: 'user', content: 'Fix a' },
        { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'edit_file', arguments: '{"path":"a.ts"}' }] },
        { role: 'tool', toolCallId: 'a', name: 'edit_file', content, isError: true },
      ]);
      const card = items.find((item) => item.kind === 'tool');
      assert.equal(card?.kind === 'tool' && card.status, 'stopped');
    }
  });

  it('shows an edit staged for the review at the end as staged, as the live card did', () => {
    const content = 'Edited a.ts: 1 replacement.\n(Staged for the user to review when you finish: your reads and searches see it, but it is not on disk yet, so commands run without it until the user keeps it.)';
    const items = shown([
      { role: 'user', content: 'Fix a' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'a', name: 'edit_file', arguments: '{"path":"a.ts"}' }] },
      { role: 'tool', toolCallId: 'a', name: 'edit_file', content },
    ]);
    const card = items.find((item) => item.kind === 'tool');
    assert.equal(card?.kind === 'tool' && card.status, 'done');
    assert.equal(card?.kind === 'tool' && card.note, 'Staged: review it in Changes');
  });

  it('shows a conversation cut off mid-step as repaired: the call failed, the partial reply kept', () => {
    const saved: Message[] = [
      { role: 'system', content: 's' },
      { role: 'user', content: 'Run it' },
      { role: 'assistant', content: '', toolCalls: [{ id: 'x', name: 'run_command', arguments: '{"command":"make"}' }] },
    ];
    const { messages } = repairConversation(saved, { text: 'Half a rep' });
    const items = shown(messages);
    assert.deepEqual(
      items.map((item) => (item.kind === 'tool' ? `${item.kind}:${item.status}` : item.kind === 'assistant' ? `${item.text}:${item.streaming}` : item.kind)),
      ['user', 'tool:failed', 'Half a rep:false'],
    );
  });

  it("shows Ouro's notes to the model as quiet lines, not as the user's words", () => {
    const items = shown([
      { role: 'system', content: 's' },
      { role: 'user', content: 'Fix it' },
      { role: 'assistant', content: 'Fixed.' },
      { role: 'user', content: '[Note from Ouro] The user restored files: a.ts deleted.', note: true },
      { role: 'user', content: 'Now test it' },
    ]);
    assert.deepEqual(
      items.map((item) => (item.kind === 'notice' ? `notice:${item.text}` : item.kind === 'user' ? `user:${item.text}:${item.messageIndex}` : item.kind)),
      ['user:Fix it:1', 'assistant', 'notice:The user restored files: a.ts deleted.', 'user:Now test it:4'],
    );
  });

  it('is empty for a conversation with nothing but its system prompt', () => {
    assert.deepEqual(transcriptOf([{ role: 'system', content: 's' }], () => 'x'), []);
  });
});

describe('a user message split back into words and attachments', () => {
  const file: Attachment = { id: '1', path: 'src/math.js', content: 'const a = "```";\n', language: 'javascript' };
  const lines: Attachment = { id: '2', path: 'src/b c.ts', content: 'x\n\nAttached: the file y\n', startLine: 5, endLine: 7 };
  const cut: Attachment = { id: '3', path: 'big.txt', content: 'zzz', truncated: true };

  it('gives back what composeUserMessage was given', () => {
    assert.deepEqual(splitUserMessage(composeUserMessage('what is wrong here?', [file, lines, cut])), {
      text: 'what is wrong here?',
      attachments: ['src/math.js', 'src/b c.ts:5-7', 'big.txt'],
    });
    assert.deepEqual(splitUserMessage(composeUserMessage('one line', [{ ...lines, endLine: 5 }])), { text: 'one line', attachments: ['src/b c.ts:5'] });
  });

  it('leaves a message that only looks like one whole', () => {
    for (const text of ['plain', 'see below\n\nAttached: my thoughts', 'x\n\nAttached: the file a\n```\nnever closed']) {
      assert.deepEqual(splitUserMessage(text), { text, attachments: [] });
    }
  });
});

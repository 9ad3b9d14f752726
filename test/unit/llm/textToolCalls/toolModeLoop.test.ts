// Tool calls written as text, end to end: the mock server streams each format over real SSE, cut
// at awkward places; the loop runs the tool and continues, and the next request is valid.
import { strict as assert } from 'node:assert';
import type { AgentEvent } from '../../../../src/agent/events';
import { withToolMode } from '../../../../src/llm/textToolCalls/toolModeModel';
import type { ToolMode } from '../../../../src/llm/toolMode';
import { reply, text, textReply, toolCall, type ChatRequestBody } from '../../../fixtures/mockOpenAI';
import { eventsOf, lastEvent, newConversation, useHarness, type Harness } from '../../agent/loopHelpers';

/** `whole` cut into pieces of the given sizes, in turn (the last size repeats). */
function cut(whole: string, ...sizes: number[]): string[] {
  const pieces: string[] = [];
  for (let at = 0, i = 0; at < whole.length; i++) {
    const size = sizes[Math.min(i, sizes.length - 1)];
    pieces.push(whole.slice(at, at + size));
    at += size;
  }
  return pieces;
}

const FORMATS: Array<{ format: string; reply: string }> = [
  { format: 'Hermes/Qwen <tool_call>', reply: 'Echoing now.\n<tool_call>\n{"name": "echo", "arguments": {"text": "pong"}}\n</tool_call>' },
  { format: 'Mistral [TOOL_CALLS]', reply: '[TOOL_CALLS] [{"name": "echo", "arguments": {"text": "pong"}}]' },
  { format: 'Mistral [TOOL_CALLS]name[ARGS]', reply: '[TOOL_CALLS]echo[ARGS]{"text": "pong"}' },
  { format: 'Llama <function=name>', reply: '<function=echo>{"text": "pong"}</function>' },
  { format: 'Llama <|python_tag|>', reply: '<|python_tag|>{"name": "echo", "parameters": {"text": "pong"}}<|eom_id|>' },
  { format: 'a ```json fence', reply: '```json\n{"name": "echo", "arguments": {"text": "pong"}}\n```' },
  { format: 'bare {"tool": ...} JSON', reply: '{"tool": "echo", "args": {"text": "pong"}}' },
];

describe('tool calls written as text, through the loop', () => {
  const harness = useHarness();

  async function run(h: Harness, mode: ToolMode): Promise<{ events: AgentEvent[]; shown: string }> {
    const events = await h.run(newConversation(), { model: withToolMode(h.model, mode) });
    return { events, shown: eventsOf(events, 'text').map((event) => event.delta).join('') };
  }

  for (const { format, reply: written } of FORMATS) {
    for (const mode of ['native', 'text'] as const) {
      it(`runs a call written in ${format} (${mode} mode), cut at awkward places, and continues`, async () => {
        const h = await harness([reply(text(...cut(written, 1, 3, 2, 5, 7))), textReply('It said pong.')]);
        const { events, shown } = await run(h, mode);
        assert.deepEqual(eventsOf(events, 'tool_result').map((event) => [event.name, event.content, event.isError]), [['echo', 'pong', false]]);
        assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
        const prose = written.startsWith('Echoing') ? 'Echoing now.' : '';
        assert.equal(shown, `${prose}It said pong.`, 'the call text must not be shown');
        const [first, second] = h.server.requests;
        if (mode === 'native') {
          assert.ok(first.tools?.length, 'native mode sends the tools');
          const call = second.messages.find((message) => message.tool_calls)?.tool_calls?.[0];
          assert.equal(call?.function?.name, 'echo');
          assert.match(call?.id ?? '', /^call_\w+$/);
          assert.deepEqual(second.messages.at(-1), { role: 'tool', tool_call_id: call?.id, name: 'echo', content: 'pong' });
        } else {
          assertTextModeRequests(first, second, prose);
        }
      });
    }
  }

  it('runs several calls written in one reply, in order', async () => {
    const written = '<tool_call>{"name": "echo", "arguments": {"text": "one"}}</tool_call><tool_call>{"name": "echo", "arguments": {"text": "two"}}</tool_call>';
    const h = await harness([reply(text(...cut(written, 4))), textReply('done')]);
    const { events } = await run(h, 'text');
    assert.deepEqual(eventsOf(events, 'tool_result').map((event) => event.content), ['one', 'two']);
    const ids = eventsOf(events, 'tool_call').map((event) => event.call.id);
    assert.equal(new Set(ids).size, 2, 'each call gets its own id');
  });

  it('tells the model its broken JSON is broken, and runs the fixed call', async () => {
    const h = await harness([
      textReply('<tool_call>{"name": "echo", "arguments": {"text": "pong"}</tool_call>'),
      textReply('<tool_call>{"name": "echo", "arguments": {"text": "pong"}}</tool_call>'),
      textReply('fixed'),
    ]);
    const { events } = await run(h, 'native');
    const results = eventsOf(events, 'tool_result');
    assert.equal(results.length, 2);
    assert.equal(results[0].isError, true);
    assert.match(results[0].content, /not a JSON object/);
    assert.deepEqual([results[1].content, results[1].isError], ['pong', false]);
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
  });

  it('shows a written call to a tool that is not offered as text, and ends the turn', async () => {
    const written = '<tool_call>{"name": "delete_everything", "arguments": {}}</tool_call>';
    const h = await harness([textReply(written)]);
    const { events, shown } = await run(h, 'native');
    assert.equal(eventsOf(events, 'tool_call').length, 0);
    assert.equal(shown, written);
  });

  it('prefers a structured call in native mode, and does not run a written one beside it', async () => {
    const h = await harness([reply(text('<tool_call>{"name": "echo", "arguments": {"text": "written"}}</tool_call>'), toolCall('echo', { text: 'structured' })), textReply('ok')]);
    const { events } = await run(h, 'native');
    assert.deepEqual(eventsOf(events, 'tool_result').map((event) => event.content), ['structured']);
  });

  it('keeps the conversation valid over several steps in text mode', async () => {
    const h = await harness([
      textReply('<tool_call>{"name": "echo", "arguments": {"text": "a"}}</tool_call>'),
      textReply('<tool_call>{"name": "echo", "arguments": {"text": "b"}}</tool_call>'),
      textReply('both done'),
    ]);
    const { events } = await run(h, 'text');
    assert.deepEqual(lastEvent(events), { type: 'done', reason: 'stop' });
    const roles = h.server.requests[2].messages.map((message) => message.role);
    assert.deepEqual(roles, ['system', 'user', 'assistant', 'user', 'assistant', 'user']);
    assert.ok(h.server.requests.every((request) => request.tools === undefined));
  });
});

function assertTextModeRequests(first: ChatRequestBody, second: ChatRequestBody, prose: string): void {
  assert.equal(first.tools, undefined, 'text mode sends no tools');
  const system = String(first.messages[0].content);
  assert.match(system, /^You are a test\.\n\n# Tools\n/);
  assert.match(system, /\n- echo\(text: string\): Echo the text back\./);
  assert.match(system, /<tool_call>\n\{"name":"echo","arguments":\{"text":"\.\.\."\}\}\n<\/tool_call>/);
  const assistant = second.messages[2];
  assert.equal(assistant.role, 'assistant');
  assert.equal(assistant.tool_calls, undefined);
  assert.equal(assistant.content, [prose, '<tool_call>\n{"name":"echo","arguments":{"text":"pong"}}\n</tool_call>'].filter(Boolean).join('\n'));
  assert.deepEqual(second.messages[3], { role: 'user', content: '<tool_response name="echo">\npong\n</tool_response>' });
}

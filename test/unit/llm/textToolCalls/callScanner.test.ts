// Tool calls written as text, read from a stream cut at every possible place: what is shown,
// and which calls are found.
import { strict as assert } from 'node:assert';
import type { TextCall } from '../../../../src/llm/textToolCalls/callFormats';
import { CallScanner } from '../../../../src/llm/textToolCalls/callScanner';

const OFFERED = new Set(['read_file', 'list_files', 'write_file']);

function scan(pieces: string[]): { shown: string; calls: TextCall[]; shownBeforeEnd: string } {
  const scanner = new CallScanner(OFFERED);
  let shown = '';
  for (const piece of pieces) shown += scanner.push(piece);
  const shownBeforeEnd = shown;
  const end = scanner.end();
  return { shown: shown + end.text, calls: end.calls, shownBeforeEnd };
}

/** The same reply cut into two pieces at every position, and into pieces of 1 to 7 characters. */
function everySplit(reply: string): string[][] {
  const splits: string[][] = [[reply]];
  for (let at = 1; at < reply.length; at++) splits.push([reply.slice(0, at), reply.slice(at)]);
  for (let size = 1; size <= 7; size++) {
    const pieces: string[] = [];
    for (let at = 0; at < reply.length; at += size) pieces.push(reply.slice(at, at + size));
    splits.push(pieces);
  }
  return splits;
}

function expectEverywhere(reply: string, shown: string, calls: TextCall[]): void {
  for (const pieces of everySplit(reply)) {
    const result = scan(pieces);
    assert.equal(result.shown, shown, `shown, for pieces ${JSON.stringify(pieces)}`);
    assert.deepEqual(result.calls, calls, `calls, for pieces ${JSON.stringify(pieces)}`);
  }
}

const read = (path: string): TextCall => ({ name: 'read_file', arguments: JSON.stringify({ path }) });

describe('tool calls written as text', () => {
  it('reads a Hermes/Qwen <tool_call> after prose and hides its text', () => {
    expectEverywhere('Let me look.\n<tool_call>\n{"name": "read_file", "arguments": {"path": "a.ts"}}\n</tool_call>', 'Let me look.', [read('a.ts')]);
  });

  it('reads a <tool_call> the model never closed (it stopped at the closing tag)', () => {
    expectEverywhere('<tool_call>{"name": "read_file", "arguments": {"path": "a.ts"}}', '', [read('a.ts')]);
  });

  it('reads several calls in one reply, closed or not between them', () => {
    const reply = '<tool_call>{"name": "read_file", "arguments": {"path": "a"}}</tool_call>\n<tool_call>{"name": "read_file", "arguments": {"path": "b"}}\n<tool_call>{"name": "list_files", "arguments": {}}</tool_call>';
    expectEverywhere(reply, '', [read('a'), read('b'), { name: 'list_files', arguments: '{}' }]);
  });

  it("reads Mistral's [TOOL_CALLS] JSON list", () => {
    expectEverywhere('[TOOL_CALLS] [{"name": "read_file", "arguments": {"path": "a"}}, {"name": "read_file", "arguments": {"path": "b"}}]', '', [read('a'), read('b')]);
  });

  it("reads Mistral's newer [TOOL_CALLS]name[ARGS]{...} form, one after another", () => {
    expectEverywhere('[TOOL_CALLS]read_file[ARGS]{"path": "a"}[TOOL_CALLS]list_files[CALL_ID]abc123456[ARGS]{}', '', [
      { name: 'read_file', arguments: '{"path": "a"}' },
      { name: 'list_files', arguments: '{}' },
    ]);
  });

  it("reads Llama's <function=name>{...}</function>", () => {
    expectEverywhere('I will read it. <function=read_file>{"path": "a.ts"}</function>', 'I will read it.', [{ name: 'read_file', arguments: '{"path": "a.ts"}' }]);
  });

  it("reads Llama's <|python_tag|> JSON calls, several separated by semicolons", () => {
    expectEverywhere('<|python_tag|>{"name": "read_file", "parameters": {"path": "a"}}; {"name": "read_file", "parameters": {"path": "b"}}<|eom_id|>', '', [read('a'), read('b')]);
  });

  it('reads a reply that is nothing but a ```json fenced call', () => {
    expectEverywhere('```json\n{"name": "read_file", "arguments": {"path": "a.ts"}}\n```\n', '', [read('a.ts')]);
  });

  it('reads a reply that is nothing but JSON calls, {"tool": ...} style with flat arguments included', () => {
    expectEverywhere('{"tool": "read_file", "path": "a"}\n{"name": "read_file", "arguments": {"path": "b"}}', '', [read('a'), read('b')]);
  });

  it('shows JSON or a fence that is followed by prose, as prose', () => {
    const reply = '```json\n{"name": "read_file", "arguments": {"path": "a.ts"}}\n```\nThat is how a call looks.';
    expectEverywhere(reply, reply, []);
    expectEverywhere('{"name": "read_file"} is a call.', '{"name": "read_file"} is a call.', []);
  });

  it('shows a call to a tool that is not offered, and JSON that is not a call, as prose', () => {
    expectEverywhere('<tool_call>{"name": "rm_rf", "arguments": {}}</tool_call>', '<tool_call>{"name": "rm_rf", "arguments": {}}</tool_call>', []);
    expectEverywhere('{"a": 1}', '{"a": 1}', []);
    expectEverywhere('```ts\nconst x = [1];\n```', '```ts\nconst x = [1];\n```', []);
  });

  it('turns a tagged call with broken JSON into a call whose arguments report the problem', () => {
    const broken = '{"name": "read_file", "arguments": {"path": "a.ts"}';
    expectEverywhere(`<tool_call>${broken}</tool_call>`, '', [{ name: 'read_file', arguments: broken }]);
  });

  it('passes ordinary prose through as it comes, holding back only what could open a tag', () => {
    const result = scan(['Use a < b and ', 'arr[0] here', '. Then <', 'b>bold</b> <tool', 's>']);
    assert.equal(result.shown, 'Use a < b and arr[0] here. Then <b>bold</b> <tools>');
    const scanner = new CallScanner(OFFERED);
    assert.equal(scanner.push('Hello there, '), 'Hello there,');
    assert.equal(scanner.push('world <tool_'), ' world');
    assert.equal(scanner.push('call>{"name": "read_file", "arguments": {"path": "x"}}</tool_call>'), '');
    assert.deepEqual(scanner.end(), { text: '', calls: [read('x')] });
  });

  it('holds a reply that starts like JSON only until it is known not to be a call', () => {
    const scanner = new CallScanner(OFFERED);
    assert.equal(scanner.push('{"a": '), '');
    assert.equal(scanner.push('1} and more'), '{"a": 1} and more');
  });
});

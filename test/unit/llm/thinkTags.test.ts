import { strict as assert } from 'node:assert';
import { ThinkTagSplitter } from '../../../src/llm/thinkTags';

function split(pieces: string[]): { text: string; reasoning: string } {
  const splitter = new ThinkTagSplitter();
  const out = { text: '', reasoning: '' };
  for (const part of [...pieces.map((piece) => splitter.push(piece)), splitter.flush()]) {
    out.text += part.text;
    out.reasoning += part.reasoning;
  }
  return out;
}

describe('<think> tags in the answer text', () => {
  const cases: Array<[string, string[], string, string]> = [
    ['a whole reply in one piece', ['<think>plan it</think>\n\nThe answer.'], 'plan it', 'The answer.'],
    ['tags split across pieces', ['<th', 'ink>pl', 'an</th', 'ink>', '\n\n', 'Ans', 'wer'], 'plan', 'Answer'],
    ['blank lines before the opening tag', ['\n<think>x</think>y'], 'x', 'y'],
    ['a reply without the tag', ['Hello, ', '<think> is a tag'], '', 'Hello, <think> is a tag'],
    ['a reply that starts with another tag', ['<di', 'v>x'], '', '<div>x'],
    ['a stream that ends mid-thought', ['<think>still thin', 'king'], 'still thinking', ''],
    ['a stream that ends on a partial opening tag', ['<thi'], '', '<thi'],
    ['a "<" inside the thought that is not the closing tag', ['<think>a < b </', 'p></think>ok'], 'a < b </p>', 'ok'],
  ];
  for (const [name, pieces, reasoning, text] of cases) {
    it(name, () => {
      assert.deepEqual(split(pieces), { text, reasoning });
    });
  }
});

// The fetch under the SDK: each request's own activity callback runs on the headers and every
// chunk, keep-alive data lines are dropped wherever they fall, and the rest passes byte for byte,
// a character split across chunks included.
import { strict as assert } from 'node:assert';
import { activityOption, fetchWithActivity } from '../../../src/llm/activityFetch';

function serving(chunks: Uint8Array[]): typeof fetch {
  return async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const chunk of chunks) controller.enqueue(chunk);
        controller.close();
      },
    });
    return new Response(body, { headers: { 'content-type': 'text/event-stream' } });
  };
}

/** The body read the way the SDK reads it: by async iteration. */
async function bodyText(response: Response): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

describe('the activity fetch', () => {
  it('drops keep-alive lines, passes the rest unchanged and reports each sign of life to its own request', async () => {
    const euro = Buffer.from('€');
    const chunks = [
      Buffer.from('data: {"a":1}\n\n'),
      Buffer.concat([Buffer.from('data: :ping\n\ndata: {"b":"'), euro.subarray(0, 2)]),
      Buffer.concat([euro.subarray(2), Buffer.from('"}\n\ndata: keep-alive\n')]),
      Buffer.from('\ndata: [DONE]\n\n'),
    ];
    const fetchIt = fetchWithActivity(serving(chunks));
    let mine = 0;
    let other = 0;
    const response = await fetchIt('http://model/v1/chat/completions', { method: 'POST', ...activityOption(() => mine++) });
    await fetchIt('http://model/v1/chat/completions', { method: 'POST', ...activityOption(() => other++) }).then(bodyText);
    const text = await bodyText(response);
    assert.equal(text, 'data: {"a":1}\n\n\ndata: {"b":"€"}\n\n\ndata: [DONE]\n\n');
    assert.equal(mine, 1 + chunks.length);
    assert.equal(other, 1 + chunks.length);
  });
});

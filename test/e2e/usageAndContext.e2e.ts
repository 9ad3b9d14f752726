// Issue 7 in the chat view: what each turn and the conversation used (with the cost, from
// ouro.pricing), the context meter against ouro.contextWindow with its breakdown, "Compact now",
// and a read_file card that says which lines the model did not see. The numbers on screen are
// checked against the usage chunks the mock server sent.
import assert from 'node:assert/strict';
import { reply, text, toolCall, usage } from '../fixtures/mockOpenAI';
import { openMeter, readMeter } from './harness/contextMeter';
import { lastContent } from './harness/modelScripts';
import { useScenarios } from './harness/scenario';
import { sendMessage, toolCard, waitUntilIdle } from './harness/workbench';

const SUMMARY = 'Summary: the user asked what src/math.js does; it sums numbers.';

describe('Usage, cost and the context meter in the chat', function () {
  this.timeout(180_000);
  const scenarios = useScenarios();

  it('shows what each turn cost, the context used by part, and compacts on request', async () => {
    const scenario = await scenarios.open({
      name: '7-usage-context',
      script: [
        reply(text('Reading the start of it.'), toolCall('read_file', { path: 'src/math.js', start_line: 1, end_line: 3 }), usage(1200, 30, { prompt_tokens_details: { cached_tokens: 1000 } })),
        reply(text('It sums numbers.'), usage(1500, 20)),
        reply(text('Second answer.'), usage(1800, 10)),
        (request) => reply(text(lastContent(request.body.messages, 'user').includes('<transcript>') ? SUMMARY : 'Not a summary request'), usage(500, 12)),
      ],
      settings: {
        'ouro.pricing': { 'mock-model': { input: 2, output: 8, cachedInput: 0.5 } },
        'ouro.contextWindow': { 'mock-model': 20000 },
      },
    });
    const chat = await scenario.openChat();
    await sendMessage(chat, 'what does src/math.js do?');
    await chat.locator('#messages .message.assistant', { hasText: 'It sums numbers.' }).waitFor();
    await waitUntilIdle(chat);

    // The partial read says which lines the model saw, and which it did not.
    const total = scenario.read('src/math.js').split('\n').filter((_, i, lines) => i < lines.length - 1 || lines[i] !== '').length;
    await toolCard(chat, 'read_file', 'done').locator('.read-page', { hasText: `Shown: lines 1–3 of ${total}. Not shown: lines 4–${total}.` }).waitFor();

    // Turn 1: 1,200 + 1,500 in (1,000 of them cached), 30 + 20 out; at $2 / $0.5 cached / $8 per million:
    // (1,700 × 2 + 1,000 × 0.5 + 50 × 8) / 1e6 = $0.0043.
    const turnUsage = chat.locator('#messages .turn-usage');
    await turnUsage.first().waitFor();
    assert.equal(await turnUsage.first().innerText(), '2,700 in (1,000 cached) · 50 out · $0.0043');
    await chat.locator('#usage', { hasText: '2,700 in (1,000 cached) · 50 out · $0.0043' }).waitFor();
    await chat.locator('#context-meter .context-label', { hasText: '/ 20k' }).waitFor();
    await scenario.shot('turn-one-usage');

    await sendMessage(chat, 'and anything else?');
    await chat.locator('#messages .message.assistant', { hasText: 'Second answer.' }).waitFor();
    await waitUntilIdle(chat);
    await turnUsage.nth(1).waitFor();
    // (1,800 × 2 + 10 × 8) / 1e6 = $0.00368.
    assert.equal(await turnUsage.nth(1).innerText(), '1,800 in · 10 out · $0.0037');
    await chat.locator('#usage', { hasText: '4,500 in (1,000 cached) · 60 out · $0.0080' }).waitFor();

    await openMeter(chat);
    await chat.locator('#context-breakdown .context-last', { hasText: 'Latest request, as the server counted it: 1,800 in, 10 out' }).waitFor();
    const before = await readMeter(chat);
    await scenario.shot('context-breakdown');
    assert.deepEqual(Object.keys(before.parts), ['System prompt', 'Tool specs', 'Rules', 'History', 'Tool results']);
    assert.equal(Object.values(before.parts).reduce((a, b) => a + b, 0), before.total, 'the parts add up to the total');
    assert.ok(before.parts['System prompt'] > 0 && before.parts['Tool specs'] > 0 && before.parts['History'] > 0 && before.parts['Tool results'] > 0, JSON.stringify(before.parts));
    assert.match(before.label, new RegExp(`/ 20k \\(${Math.round((before.total / 20000) * 100)}%\\)$`));

    // Compact now: one summarisation request, a note in the chat, and the meter drops.
    await chat.locator('#context-breakdown button.compact-now').click();
    await chat.locator('#messages .notice', { hasText: 'Compacted the conversation' }).waitFor();
    await waitUntilIdle(chat);
    assert.equal(scenario.mock.requests.length, 4);
    assert.match(lastContent(scenario.mock.requests[3].messages, 'user'), /<transcript>[^]*It sums numbers\.[^]*<\/transcript>/);
    await chat.locator('#usage', { hasText: '5,000 in (1,000 cached) · 72 out' }).waitFor();
    await openMeter(chat);
    await chat.locator('#context-breakdown .context-total', { hasText: /of 20,000 tokens/ }).waitFor();
    let after = await readMeter(chat);
    for (let i = 0; i < 50 && after.total >= before.total; i++) after = await readMeter(chat);
    await scenario.shot('compacted');
    assert.ok(after.total < before.total, `the meter did not drop: ${before.total} -> ${after.total}`);
    assert.equal(after.parts['Tool results'], 0, 'the read_file result was summarised away');
  });
});

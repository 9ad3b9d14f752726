import { strict as assert } from 'node:assert';
import type { Message } from '../../../src/agent/conversation';
import { toWireMessages } from '../../../src/llm/wireMessages';
import { conversationProblem } from '../../fixtures/mockOpenAI';
import { PNG_1X1 } from '../../fixtures/images';

describe('images in the wire format', () => {
  it('sends a message with images as a text part and an image_url part per image', () => {
    const messages: Message[] = [
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'What is in it?', images: [{ mediaType: 'image/png', data: PNG_1X1, file: 'c1.0123456789abcdef.png' }] },
    ];
    assert.deepEqual(toWireMessages(messages)[1], {
      role: 'user',
      content: [
        { type: 'text', text: 'What is in it?' },
        { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1X1}` } },
      ],
    });
  });

  it('sends images alone when there are no words, and a message without images as plain text', () => {
    const wire = toWireMessages([
      { role: 'user', content: '', images: [{ mediaType: 'image/jpeg', data: '/9j/' }] },
      { role: 'assistant', content: 'A cat.' },
      { role: 'user', content: 'Thanks', images: [] },
    ]);
    assert.deepEqual(wire[0], { role: 'user', content: [{ type: 'image_url', image_url: { url: 'data:image/jpeg;base64,/9j/' } }] });
    assert.deepEqual(wire[2], { role: 'user', content: 'Thanks' });
  });

  it("puts Ouro's note beside a message with images into the same message, as one more text part", () => {
    const wire = toWireMessages([
      { role: 'system', content: 'sys' },
      { role: 'user', content: 'Look', images: [{ mediaType: 'image/png', data: PNG_1X1 }] },
      { role: 'user', content: '[Note from Ouro] the file changed', note: true },
    ]);
    assert.equal(wire.length, 2);
    assert.deepEqual(wire[1].content, [
      { type: 'text', text: 'Look' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1X1}` } },
      { type: 'text', text: '[Note from Ouro] the file changed' },
    ]);
    assert.equal(conversationProblem(wire), undefined, 'the strict mock server takes it');
  });
});

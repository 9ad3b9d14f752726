// Images on their way through the chat: what the view may send, and how a saved message with
// images is shown again.
import { strict as assert } from 'node:assert';
import { transcriptOf } from '../../../src/host/chat/conversationTranscript';
import { parseWebviewMessage } from '../../../src/protocol/validate';
import { initialChatState, reduce } from '../../../src/webview/chatState';
import { PNG_1X1 } from '../../fixtures/images';

describe('images in the chat', () => {
  it('takes a message with up to five images from the view, and refuses a sixth', () => {
    assert.equal(parseWebviewMessage({ type: 'send', text: 'look', images: [PNG_1X1] }).ok, true);
    assert.equal(parseWebviewMessage({ type: 'send', text: 'look' }).ok, true, 'images are optional');
    const six = parseWebviewMessage({ type: 'send', text: 'look', images: Array.from({ length: 6 }, () => PNG_1X1) });
    assert.equal(six.ok, false);
  });

  it('shows a saved message with its images as thumbnails again', () => {
    const transcript = transcriptOf(
      [
        { role: 'system', content: 's' },
        { role: 'user', content: 'What is this?', images: [{ mediaType: 'image/png', data: PNG_1X1, file: 'c1.0123456789abcdef.png' }] },
        { role: 'assistant', content: 'A red dot.' },
      ],
      () => 'u1',
    );
    assert.deepEqual(transcript[0], { type: 'user', id: 'u1', text: 'What is this?', attachments: [], messageIndex: 1, images: [`data:image/png;base64,${PNG_1X1}`] });
    const state = transcript.reduce(reduce, initialChatState());
    const user = state.items.find((item) => item.kind === 'user');
    assert.deepEqual(user?.kind === 'user' && user.images, [`data:image/png;base64,${PNG_1X1}`]);
  });
});

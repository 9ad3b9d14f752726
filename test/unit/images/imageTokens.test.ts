import { strict as assert } from 'node:assert';
import { messageTokens } from '../../../src/agent/context/requestSize';
import { byteCounter } from '../../../src/agent/context/tokenCounter';
import { IMAGE_MAX_SIDE, imageTokens, UNKNOWN_IMAGE_TOKENS } from '../../../src/agent/images/imageTokens';
import { userImageTokens } from '../../../src/agent/images/messageImageTokens';
import { PNG_1X1, PNG_CHECKS } from '../../fixtures/images';

describe('what an image costs in the context window', () => {
  it('is width × height / 750, after the longest side is fitted to 1568 px', () => {
    assert.equal(imageTokens(64, 48), 5);
    assert.equal(imageTokens(1000, 750), 1000);
    // 3136 × 1568 is fitted to 1568 × 784.
    assert.equal(imageTokens(3136, 1568), Math.ceil((1568 * 784) / 750));
    assert.equal(imageTokens(1, 1), 1);
    assert.equal(UNKNOWN_IMAGE_TOKENS, Math.ceil((IMAGE_MAX_SIDE * IMAGE_MAX_SIDE) / 750));
    assert.equal(imageTokens(0, 10), UNKNOWN_IMAGE_TOKENS);
  });

  it("reads a message image's size from its bytes, and counts one it cannot read as a large one", () => {
    assert.equal(userImageTokens({ mediaType: 'image/png', data: PNG_CHECKS }), 5);
    assert.equal(userImageTokens({ mediaType: 'image/png', data: PNG_1X1 }), 1);
    assert.equal(userImageTokens({ mediaType: 'image/png', data: '' }), UNKNOWN_IMAGE_TOKENS);
    assert.equal(userImageTokens({ mediaType: 'image/png', data: Buffer.from('not an image at all').toString('base64') }), UNKNOWN_IMAGE_TOKENS);
  });

  it('adds the images to the user message that carries them', () => {
    const words = messageTokens({ role: 'user', content: 'What is this?' }, byteCounter);
    const withImages = messageTokens({ role: 'user', content: 'What is this?', images: [{ mediaType: 'image/png', data: PNG_CHECKS }, { mediaType: 'image/png', data: '' }] }, byteCounter);
    assert.equal(withImages - words, 5 + UNKNOWN_IMAGE_TOKENS);
  });
});

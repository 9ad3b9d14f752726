import { strict as assert } from 'node:assert';
import { checkImage, checkImages, sniffImageType } from '../../../src/agent/images/imageCheck';
import { MAX_IMAGE_BYTES } from '../../../src/agent/images/userImage';
import { base64, PNG_1X1 } from '../../fixtures/images';

describe('image checks', () => {
  it('reads the type from the bytes: PNG, JPEG, GIF, WebP', () => {
    assert.equal(sniffImageType(Buffer.from(PNG_1X1, 'base64')), 'image/png');
    assert.equal(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])), 'image/jpeg');
    assert.equal(sniffImageType(Buffer.from('GIF89a\x01\x00', 'latin1')), 'image/gif');
    assert.equal(sniffImageType(Buffer.from('RIFF\x10\x00\x00\x00WEBPVP8 ', 'latin1')), 'image/webp');
    assert.equal(sniffImageType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), undefined);
    assert.equal(sniffImageType(Buffer.from('RIFF\x10\x00\x00\x00WAVEfmt ', 'latin1')), undefined);
  });

  it('takes a PNG whatever it was called, and gives its type from the bytes', () => {
    assert.deepEqual(checkImage(PNG_1X1), { ok: true, image: { mediaType: 'image/png', data: PNG_1X1 } });
  });

  it('refuses text dressed as an image, an image too big, and what is not base64, saying why', () => {
    assert.deepEqual(checkImage(Buffer.from('not an image at all').toString('base64')), { ok: false, reason: 'the image is not a PNG, JPEG, GIF, WEBP image' });
    const big = Buffer.alloc(MAX_IMAGE_BYTES + 3);
    Buffer.from(PNG_1X1, 'base64').copy(big);
    const tooBig = checkImage(big.toString('base64'));
    assert.equal(tooBig.ok, false);
    assert.match(!tooBig.ok ? tooBig.reason : '', /^the image is 5\.0 MB \(at most 5\.0 MB\)$/);
    assert.deepEqual(checkImage('data:image/png;base64,xyz'), { ok: false, reason: 'the image is not base64' });
  });

  it('takes five images with a message and names each one it refuses', () => {
    const svg = Buffer.from('<svg/>').toString('base64');
    const { images, refused } = checkImages([PNG_1X1, svg, PNG_1X1, PNG_1X1, base64(0xff, 0xd8, 0xff, 0xdb), PNG_1X1]);
    assert.deepEqual(images.map((image) => image.mediaType), ['image/png', 'image/png', 'image/png', 'image/jpeg']);
    assert.deepEqual(refused, ['image 2 is not a PNG, JPEG, GIF, WEBP image', 'image 6: at most 5 images go with one message']);
  });
});

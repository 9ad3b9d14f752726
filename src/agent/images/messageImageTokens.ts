// An image in a message, measured: its size read from its bytes (the chat view's own images are
// measured where they are drawn, without this reader).
import { imageSize } from 'image-size';
import { imageTokens, UNKNOWN_IMAGE_TOKENS } from './imageTokens';
import type { UserImage } from './userImage';

/** Tokens for an image in a message, its size read from its bytes. */
export function userImageTokens(image: UserImage): number {
  if (!image.data) return UNKNOWN_IMAGE_TOKENS;
  try {
    const { width, height } = imageSize(Buffer.from(image.data, 'base64'));
    return imageTokens(width, height);
  } catch {
    return UNKNOWN_IMAGE_TOKENS;
  }
}

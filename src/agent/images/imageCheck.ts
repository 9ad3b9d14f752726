// The checks an image passes before it goes into a message. The chat view downscales what is
// pasted, but the host trusts nothing from it: the type is read from the bytes (never from a
// name or a claimed type) and the size is counted after decoding.
import { IMAGE_TYPES, MAX_IMAGE_BYTES, MAX_IMAGES, type ImageType, type UserImage } from './userImage';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The image type the bytes begin with, or undefined for anything else. */
export function sniffImageType(bytes: Uint8Array): ImageType | undefined {
  const starts = (...signature: number[]) => signature.every((byte, at) => bytes[at] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (starts(0x47, 0x49, 0x46, 0x38) && (bytes[4] === 0x37 || bytes[4] === 0x39) && bytes[5] === 0x61) return 'image/gif';
  // RIFF....WEBP
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return 'image/webp';
  return undefined;
}

export type ImageCheck = { ok: true; image: UserImage } | { ok: false; reason: string };

/** One image as base64: its type from its bytes, refused with the reason when it is not an image Ouro sends or too big. */
export function checkImage(data: string, name = 'the image'): ImageCheck {
  if (!BASE64.test(data) || data.length % 4 !== 0) return { ok: false, reason: `${name} is not base64` };
  const size = (data.length / 4) * 3 - (data.endsWith('==') ? 2 : data.endsWith('=') ? 1 : 0);
  if (size > MAX_IMAGE_BYTES) return { ok: false, reason: `${name} is ${megabytes(size)} (at most ${megabytes(MAX_IMAGE_BYTES)})` };
  const mediaType = sniffImageType(Buffer.from(data.slice(0, 16), 'base64'));
  if (!mediaType) return { ok: false, reason: `${name} is not a ${IMAGE_TYPES.map((type) => type.slice('image/'.length).toUpperCase()).join(', ')} image` };
  return { ok: true, image: { mediaType, data } };
}

/** The images of one message, checked: those that pass, and why the others (or those past the fifth) did not. */
export function checkImages(data: readonly string[]): { images: UserImage[]; refused: string[] } {
  const images: UserImage[] = [];
  const refused: string[] = [];
  data.forEach((one, index) => {
    const name = `image ${index + 1}`;
    if (index >= MAX_IMAGES) {
      refused.push(`${name}: at most ${MAX_IMAGES} images go with one message`);
      return;
    }
    const check = checkImage(one, name);
    if (check.ok) images.push(check.image);
    else refused.push(check.reason);
  });
  return { images, refused };
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

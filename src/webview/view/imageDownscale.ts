// Makes a pasted or dropped image fit what providers take: the longest side at most 1568 px
// (Anthropic's advice; OpenAI scales larger ones down anyway) and a byte cap under the host's
// 5 MB. An image already within both goes as it is, bytes and type unchanged; a larger one is
// drawn smaller on a canvas, as PNG (JPEG for a photo), and as JPEG at smaller sizes until it fits.

export const ACCEPTED_TYPES: readonly string[] = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'];
export const MAX_SIDE = 1568;
export const MAX_BYTES = 3.75 * 1024 * 1024;

export interface FittedImage {
  /** The bytes in base64. */
  data: string;
  /** What the bytes are: the file's type, or PNG or JPEG once drawn smaller. */
  type: string;
  /** Its size in pixels as sent. */
  width: number;
  height: number;
}

/** The image within the limits; throws with a reason a person can read. */
export async function downscaleImage(file: Blob): Promise<FittedImage> {
  if (!ACCEPTED_TYPES.includes(file.type)) throw new Error('only PNG, JPEG, GIF and WebP images can be sent');
  const bitmap = await createImageBitmap(file).catch(() => {
    throw new Error('it could not be read as an image');
  });
  try {
    const longest = Math.max(bitmap.width, bitmap.height);
    if (longest <= MAX_SIDE && file.size <= MAX_BYTES) return { data: await base64Of(file), type: file.type, width: bitmap.width, height: bitmap.height };
    let scale = Math.min(1, MAX_SIDE / longest);
    let type = file.type === 'image/jpeg' ? 'image/jpeg' : 'image/png';
    for (let attempt = 0; attempt < 8; attempt++) {
      const blob = await draw(bitmap, scale, type);
      if (blob.size <= MAX_BYTES) return { data: await base64Of(blob), type, ...scaled(bitmap, scale) };
      if (type === 'image/png') type = 'image/jpeg';
      else scale *= 0.75;
    }
    throw new Error('it is too big even made smaller');
  } finally {
    bitmap.close();
  }
}

function scaled(bitmap: ImageBitmap, scale: number): { width: number; height: number } {
  return { width: Math.max(1, Math.round(bitmap.width * scale)), height: Math.max(1, Math.round(bitmap.height * scale)) };
}

async function draw(bitmap: ImageBitmap, scale: number, type: string): Promise<Blob> {
  const { width, height } = scaled(bitmap, scale);
  const canvas = new OffscreenCanvas(width, height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('the view cannot draw images');
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  return canvas.convertToBlob({ type, quality: 0.85 });
}

async function base64Of(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let at = 0; at < bytes.length; at += 0x8000) binary += String.fromCharCode(...bytes.subarray(at, at + 0x8000));
  return btoa(binary);
}

// What an image costs in the context window, for the meter and compaction. Providers count
// differently; Anthropic's published rule (width × height / 750, after the image is made to fit
// 1568 px on its longest side) lands between OpenAI's low and high detail, so it is the estimate.

/** The longest side providers take before they scale an image down (the chat view sends no larger). */
export const IMAGE_MAX_SIDE = 1568;
const PIXELS_PER_TOKEN = 750;
/** An image whose size cannot be read counts as a large one: better over than under. */
export const UNKNOWN_IMAGE_TOKENS = Math.ceil((IMAGE_MAX_SIDE * IMAGE_MAX_SIDE) / PIXELS_PER_TOKEN);

/** Tokens for an image of this many pixels, once fitted to IMAGE_MAX_SIDE. */
export function imageTokens(width: number, height: number): number {
  if (!(width > 0 && height > 0)) return UNKNOWN_IMAGE_TOKENS;
  const scale = Math.min(1, IMAGE_MAX_SIDE / Math.max(width, height));
  return Math.max(1, Math.ceil((Math.round(width * scale) * Math.round(height * scale)) / PIXELS_PER_TOKEN));
}

// An image the person pasted or dropped into a message: what the model is sent as an `image_url`
// part, and what the history keeps as a file beside the conversation.

export const IMAGE_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** At most this many images go with one message. */
export const MAX_IMAGES = 5;
/** Each image's size once decoded: Anthropic's limit, the lowest of the common providers'. */
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;

export interface UserImage {
  mediaType: ImageType;
  /** The bytes in base64; empty only while a saved image is not read back yet. */
  data: string;
  /** The file it is kept in beside the saved conversation, once saved. */
  file?: string;
}

/** `data:image/png;base64,...`: how the model and the chat view are given an image. */
export function imageDataUrl(image: UserImage): string {
  return `data:${image.mediaType};base64,${image.data}`;
}

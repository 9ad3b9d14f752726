// A conversation's images are kept as files beside its JSON, named by the conversation and a hash
// of the bytes, so a save writes each image once and the JSON stays small. Loading reads them
// back and checks them again (the folder, or an imported file, may hold anything); an image that
// is gone or damaged is left out and the repair says so.
import { createHash } from 'node:crypto';
import { checkImage } from '../images/imageCheck';
import type { ImageType, UserImage } from '../images/userImage';
import type { ConversationRecord } from './conversationRecord';
import type { HistoryStorage } from './historyStorage';

const EXTENSIONS: Record<ImageType, string> = { 'image/png': 'png', 'image/jpeg': 'jpg', 'image/gif': 'gif', 'image/webp': 'webp' };

function imagesOf(conversation: ConversationRecord): UserImage[] {
  return conversation.messages.flatMap((message) => (message.role === 'user' ? (message.images ?? []) : []));
}

/** Writes the images not saved yet beside the conversation and notes each one's file on it. */
export async function saveImages(storage: HistoryStorage, conversation: ConversationRecord): Promise<void> {
  const unsaved = imagesOf(conversation).filter((image) => !image.file?.startsWith(`${conversation.id}.`) && image.data);
  if (unsaved.length === 0) return;
  const present = new Set(await storage.list());
  for (const image of unsaved) {
    const hash = createHash('sha256').update(image.data).digest('hex').slice(0, 16);
    const file = `${conversation.id}.${hash}.${EXTENSIONS[image.mediaType]}`;
    if (!present.has(file)) await storage.writeBytes(file, Buffer.from(image.data, 'base64'));
    present.add(file);
    image.file = file;
  }
}

/** Reads each image back from its file (or checks the base64 an export carried); returns what had to be left out. */
export async function loadImages(storage: HistoryStorage, conversation: ConversationRecord): Promise<string[]> {
  const repairs: string[] = [];
  for (const [index, message] of conversation.messages.entries()) {
    if (message.role !== 'user' || !message.images?.length) continue;
    const kept: UserImage[] = [];
    for (const image of message.images) {
      const bytes = image.data ? undefined : image.file && (await storage.readBytes(image.file));
      const data = image.data || (bytes ? Buffer.from(bytes).toString('base64') : '');
      const check = data ? checkImage(data) : { ok: false as const, reason: `its file ${image.file ?? ''} is gone` };
      if (check.ok) kept.push({ ...check.image, ...(image.file ? { file: image.file } : {}) });
      else repairs.push(`An image of message ${index} was left out: ${check.reason}.`);
    }
    if (kept.length) message.images = kept;
    else delete message.images;
  }
  return repairs;
}

/** The image files of the conversation `id` among `names`. */
export function imageFilesOf(id: string, names: readonly string[]): string[] {
  return names.filter((name) => name.startsWith(`${id}.`) && !name.endsWith('.json'));
}

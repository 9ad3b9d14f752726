// The file a conversation is saved in: JSON with a format name and a version, checked field by
// field when read (an imported file is untrusted). A newer version is refused with a message
// rather than misread; older versions are upgraded here when there are any.
import * as z from 'zod';
import { MODE_ID } from '../modes/chatMode';
import type { Message } from '../conversation';
import { IMAGE_TYPES } from '../images/userImage';
import type { ConversationRecord } from './conversationRecord';

export const FORMAT = 'ouro.conversation';
export const VERSION = 1;

/** Thrown when a text is not a conversation this version can read; the message says why. */
export class ConversationFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConversationFileError';
  }
}

const toolCall = z.object({ id: z.string(), name: z.string(), arguments: z.string(), providerData: z.record(z.string(), z.unknown()).optional() });

/** A saved image's file beside the conversation: `<conversation id>.<16 hex digits>.<png|jpg|gif|webp>`. */
export const IMAGE_FILE = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}\.[0-9a-f]{16}\.(png|jpg|gif|webp)$/;

/** In the history, an image is a file beside the conversation; in an export, its base64 (read back and checked on load). */
const savedImage = z
  .object({ mediaType: z.enum(IMAGE_TYPES), file: z.string().regex(IMAGE_FILE).optional(), data: z.string().optional() })
  .refine((image) => (image.file === undefined) !== (image.data === undefined), 'an image has a file or data, one of the two')
  .transform(({ mediaType, file, data }) => ({ mediaType, data: data ?? '', ...(file ? { file } : {}) }));

const message = z.discriminatedUnion('role', [
  z.object({ role: z.literal('system'), content: z.string() }),
  z.object({ role: z.literal('user'), content: z.string(), note: z.boolean().optional(), display: z.string().optional(), images: z.array(savedImage).max(20).optional() }),
  z.object({
    role: z.literal('assistant'),
    content: z.string(),
    reasoning: z.string().optional(),
    toolCalls: z.array(toolCall).optional(),
    interrupted: z.boolean().optional(),
  }),
  z.object({ role: z.literal('tool'), toolCallId: z.string(), name: z.string(), content: z.string(), isError: z.boolean().optional() }),
]);

const count = z.number().int().nonnegative();
const totals = z.object({
  requests: count,
  promptTokens: count,
  completionTokens: count,
  cachedTokens: count,
  cost: z.number().nonnegative(),
  unpricedRequests: count,
});
const emptyTotals = { requests: 0, promptTokens: 0, completionTokens: 0, cachedTokens: 0, cost: 0, unpricedRequests: 0 };

/** Ids become file names in the history folder: nothing that could leave it. */
export const CONVERSATION_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/;

const record = z.object({
  format: z.literal(FORMAT),
  version: z.literal(VERSION),
  id: z.string().regex(CONVERSATION_ID, 'letters, digits, "-" and "_" only'),
  title: z.string(),
  titleSetByUser: z.boolean().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  model: z.string().optional(),
  messages: z.array(message),
  usage: totals.default(emptyTotals),
  turns: z.array(z.object({ messageIndex: count, usage: totals })).default([]),
  checkpoints: z
    .array(
      z.object({
        path: z.string(),
        messageIndex: count,
        toolCallId: z.string(),
        before: z.string().nullable(),
        encoding: z.literal('base64').optional(),
        written: z.string().optional(),
      }),
    )
    .default([]),
  context: z
    .object({ trimmed: z.array(z.string()), summary: z.object({ through: count, text: z.string() }).optional() })
    .default({ trimmed: [] }),
  draft: z.object({ text: z.string(), reasoning: z.string().optional() }).optional(),
  staged: z
    .array(z.object({ path: z.string(), original: z.string().optional(), content: z.string(), toolCallIds: z.array(z.string()), stagedAt: z.number() }))
    .optional(),
  mode: z.string().regex(MODE_ID, 'a mode is agent, ask, plan or a custom mode\'s file name').optional(),
});

/**
 * The conversation as JSON. Images are written as their base64 (an export that stands alone),
 * or with `imagesBeside` (the history) as the names of the files they were saved in.
 */
export function serializeConversation(conversation: ConversationRecord, options: { imagesBeside?: boolean } = {}): string {
  const messages = conversation.messages.map((message) => savedMessage(message, Boolean(options.imagesBeside)));
  return JSON.stringify({ format: FORMAT, version: VERSION, ...conversation, messages });
}

function savedMessage(message: Message, imagesBeside: boolean): Message | object {
  if (message.role !== 'user' || !message.images?.length) return message;
  const images = message.images.map(({ mediaType, data, file }) => (imagesBeside && file ? { mediaType, file } : { mediaType, data }));
  return { ...message, images };
}

export function parseConversation(text: string): ConversationRecord {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new ConversationFileError(`it is not JSON (${(err as Error).message})`);
  }
  if (!data || typeof data !== 'object' || (data as { format?: unknown }).format !== FORMAT) {
    throw new ConversationFileError(`it is not an Ouro conversation (no "format": "${FORMAT}")`);
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && version > VERSION) {
    throw new ConversationFileError(`it was saved by a newer Ouro (format version ${version}; this one reads up to ${VERSION})`);
  }
  const parsed = record.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConversationFileError(`${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  const { format: _format, version: _version, ...conversation } = parsed.data;
  return conversation;
}

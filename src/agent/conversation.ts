// The conversation is plain data: it is what the loop sends, what the history saves and loads,
// and what the chat view renders. Nothing here knows about the wire format of any provider.
import type { UserImage } from './images/userImage';

export interface ToolCall {
  /** Unique within the conversation; generated when the server omits it. */
  id: string;
  name: string;
  /** The raw JSON text the model produced ("" is normalised to "{}"). */
  arguments: string;
  /**
   * Opaque data the provider attached to the call and wants back unchanged on the next request
   * (Gemini 3's thought signature). Only the model client that received it reads it.
   */
  providerData?: Record<string, unknown>;
}

export interface SystemMessage {
  role: 'system';
  content: string;
}

export interface UserMessage {
  role: 'user';
  content: string;
  /**
   * Ouro's word to the model, not the user's (the model's reply was empty; the user restored
   * files): sent like the user's words, shown quietly in the chat.
   */
  note?: boolean;
  /** What the chat shows when it is not the content: a prompt file's `/name args`, whose expansion the model gets. */
  display?: string;
  /** Images pasted or dropped into the message, sent after its text as `image_url` parts. */
  images?: UserImage[];
}

export interface AssistantMessage {
  role: 'assistant';
  content: string;
  /** Thinking text (`reasoning_content`), shown apart from the answer and never sent back. */
  reasoning?: string;
  toolCalls?: ToolCall[];
  /** The stream broke or was cancelled after text arrived: this is what had arrived. */
  interrupted?: boolean;
}

export interface ToolMessage {
  role: 'tool';
  toolCallId: string;
  name: string;
  content: string;
  isError?: boolean;
}

export type Message = SystemMessage | UserMessage | AssistantMessage | ToolMessage;

export interface Conversation {
  id: string;
  messages: Message[];
}

// Our conversation and tool specs in the chat-completions wire format.
import type { ChatCompletionContentPart, ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import type { AssistantMessage, Message, ToolMessage, UserMessage } from '../agent/conversation';
import { imageDataUrl } from '../agent/images/userImage';
import type { ToolSpec } from '../agent/model';
import { functionTools } from '../agent/toolSpecs';

export interface WireOptions {
  /**
   * Send thinking back as `reasoning_content`. DeepSeek's thinking mode refuses a follow-up to a
   * tool call without it ("must be passed back to the API"); other servers never need it.
   */
  echoReasoning?: boolean;
}

export function toWireMessages(messages: readonly Message[], options: WireOptions = {}): ChatCompletionMessageParam[] {
  return new WireHistory().convert(messages, options);
}

/**
 * The wire form of a conversation that grows a step at a time. The messages a request shares
 * with the one before (the same objects, their text unchanged) keep their wire form, and only
 * the rest is made again: without this every step walks the whole history. Wire messages are
 * never changed once made (a note beside the user's words makes a new one), so what is kept
 * stays true.
 */
export class WireHistory {
  private sources: readonly Message[] = [];
  private readonly contents: string[] = [];
  /** A user message's images can be taken out after it was sent (the endpoint refused them). */
  private readonly images: unknown[] = [];
  /** How many wire messages there were after each source message, and the last of them then (a note beside the user's words replaces it later). */
  private readonly ends: number[] = [];
  private readonly lasts: ChatCompletionMessageParam[] = [];
  private readonly wire: ChatCompletionMessageParam[] = [];
  private echoReasoning = false;

  convert(messages: readonly Message[], options: WireOptions = {}): ChatCompletionMessageParam[] {
    const echoReasoning = Boolean(options.echoReasoning);
    let same = 0;
    if (echoReasoning === this.echoReasoning) {
      const shared = Math.min(messages.length, this.sources.length);
      while (same < shared && messages[same] === this.sources[same] && messages[same].content === this.contents[same] && imagesOf(messages[same]) === this.images[same]) same++;
    }
    // Kept arrays are cut back to what still holds and grown in place; the caller gets a copy.
    const { wire, contents, images, ends, lasts } = this;
    wire.length = same === 0 ? 0 : ends[same - 1];
    if (wire.length > 0) wire[wire.length - 1] = lasts[same - 1];
    contents.length = images.length = ends.length = lasts.length = same;
    // An index loop: on the first step this runs over the whole history.
    for (let index = same; index < messages.length; index++) {
      appendWire(wire, messages, index, options);
      contents.push(messages[index].content);
      images.push(imagesOf(messages[index]));
      ends.push(wire.length);
      lasts.push(wire[wire.length - 1]);
    }
    this.sources = messages;
    this.echoReasoning = echoReasoning;
    return wire.slice();
  }
}

function imagesOf(message: Message): unknown {
  return message.role === 'user' ? message.images : undefined;
}

function appendWire(wire: ChatCompletionMessageParam[], messages: readonly Message[], index: number, options: WireOptions): void {
  const message = messages[index];
  switch (message.role) {
    case 'system':
      wire.push({ role: message.role, content: message.content });
      break;
    case 'user': {
      // A note from Ouro next to the user's words: one message, since many chat templates
      // (Gemma's, Mistral's) refuse two user messages in a row.
      const last = wire[wire.length - 1];
      const previous = index > 0 ? messages[index - 1] : undefined;
      const beside = message.note || (previous?.role === 'user' && previous.note);
      if (beside && last?.role === 'user' && typeof last.content === 'string') wire[wire.length - 1] = { role: 'user', content: `${last.content}\n\n${message.content}` };
      else if (beside && last?.role === 'user' && Array.isArray(last.content)) wire[wire.length - 1] = { role: 'user', content: [...last.content, { type: 'text', text: message.content }] };
      else wire.push({ role: 'user', content: userContent(message) });
      break;
    }
    case 'assistant':
    case 'tool': {
      const sent = wireOf(message, options);
      if (sent) wire.push(sent);
      break;
    }
    default: {
      const unhandled: never = message;
      throw new Error(`unknown message role ${(unhandled as Message).role}`);
    }
  }
}

/** The words alone, or (with images) a text part and an `image_url` part per image. */
function userContent(message: UserMessage): ChatCompletionContentPart[] | string {
  if (!message.images?.length) return message.content;
  const images = message.images.map((image): ChatCompletionContentPart => ({ type: 'image_url', image_url: { url: imageDataUrl(image) } }));
  return message.content ? [{ type: 'text', text: message.content }, ...images] : images;
}

/**
 * A conversation's assistant and tool messages are sent again on every step, unchanged but for a
 * note appended to a tool result: their wire form is kept per message and made again only when
 * what it was made from changed.
 */
interface Made {
  content: string;
  echoReasoning: boolean;
  wire: ChatCompletionMessageParam | undefined;
}
const made = new WeakMap<Message, Made>();

function wireOf(message: AssistantMessage | ToolMessage, options: WireOptions): ChatCompletionMessageParam | undefined {
  const echoReasoning = Boolean(options.echoReasoning);
  const kept = made.get(message);
  if (kept && kept.content === message.content && kept.echoReasoning === echoReasoning) return kept.wire;
  const wire = message.role === 'assistant' ? assistantWire(message, options) : toolWire(message);
  made.set(message, { content: message.content, echoReasoning, wire });
  return wire;
}

function assistantWire(message: AssistantMessage, options: WireOptions): ChatCompletionMessageParam | undefined {
  if (message.toolCalls?.length) {
    return {
      ...echoedReasoning(message, options),
      role: 'assistant',
      // null, not "": proxies in front of Anthropic refuse empty text blocks.
      content: message.content || null,
      tool_calls: message.toolCalls.map((call) => ({
        id: call.id,
        type: 'function',
        function: { name: call.name, arguments: call.arguments },
        // Gemini 3 wants its thought signature back where it put it.
        ...(call.providerData ? { extra_content: call.providerData } : {}),
      })),
    };
  }
  return message.content ? { ...echoedReasoning(message, options), role: 'assistant', content: message.content } : undefined;
}

/**
 * Gemini refuses a tool result without `name` ("function_response.name: Name cannot be empty");
 * OpenAI, Ollama and the rest accept it. Several servers refuse empty content.
 */
function toolWire(message: ToolMessage): ChatCompletionMessageParam {
  return { role: 'tool', tool_call_id: message.toolCallId, name: message.name, content: message.content || '(no output)' } as ChatCompletionMessageParam;
}

/** `reasoning_content` is not in the SDK's types: it is DeepSeek's extension. */
function echoedReasoning(message: AssistantMessage, options: WireOptions): object {
  return options.echoReasoning && message.reasoning ? { reasoning_content: message.reasoning } : {};
}

export function toWireTools(tools: readonly ToolSpec[]): ChatCompletionTool[] {
  return functionTools(tools);
}

// A model client over VS Code's Language Model API: the chat models other extensions offer (a
// Copilot subscription's, for one) used by the same loop, no API key needed. The mapping of
// messages and errors is in src/llm/languageModelApi; this file only speaks to `vscode`.
import * as vscode from 'vscode';
import type { ToolCall } from '../../agent/conversation';
import { randomTag } from '../../llm/callIds';
import { describeLmError } from '../../llm/languageModelApi/lmErrors';
import { lmMessagesText, toLmMessages, toLmTools, type LmMessage, type LmPart } from '../../llm/languageModelApi/lmMessages';
import { abortError, ModelError, type Model, type ModelChunk, type ModelRequest } from '../../agent/model';

const JUSTIFICATION = 'Ouro uses it to answer in its chat and to call its tools on your workspace.';

export class VsCodeLanguageModel implements Model {
  readonly name: string;
  private readonly idTag = randomTag();
  private idCount = 0;

  constructor(private readonly chat: vscode.LanguageModelChat) {
    this.name = chat.id;
  }

  async *stream(request: ModelRequest): AsyncGenerator<ModelChunk> {
    const source = new vscode.CancellationTokenSource();
    const cancel = () => source.cancel();
    request.signal.addEventListener('abort', cancel, { once: true });
    const lmMessages = toLmMessages(request.messages);
    let text = '';
    const toolCalls: ToolCall[] = [];
    try {
      const options: vscode.LanguageModelChatRequestOptions = { justification: JUSTIFICATION, ...(request.tools.length ? { tools: toLmTools(request.tools) } : {}) };
      const response = await this.chat.sendRequest(lmMessages.map(toVsCodeMessage), options, source.token);
      for await (const part of response.stream) {
        if (request.signal.aborted) break;
        if (part instanceof vscode.LanguageModelTextPart) {
          if (!part.value) continue;
          text += part.value;
          yield { type: 'text', delta: part.value };
        } else if (part instanceof vscode.LanguageModelToolCallPart) {
          toolCalls.push({ id: part.callId || this.newId(), name: part.name, arguments: JSON.stringify(part.input ?? {}) });
        }
      }
    } catch (err) {
      if (request.signal.aborted) throw abortError(request.signal);
      throw this.modelError(err, text);
    } finally {
      request.signal.removeEventListener('abort', cancel);
      source.dispose();
    }
    if (request.signal.aborted) throw abortError(request.signal);
    const usage = await this.countUsage(lmMessages, text, toolCalls);
    if (usage) yield { type: 'usage', usage };
    yield { type: 'finish', reason: toolCalls.length ? 'tool_calls' : 'stop', toolCalls };
  }

  /** The API reports no usage: the model's own tokenizer counts both sides, when it can. */
  private async countUsage(messages: LmMessage[], text: string, calls: ToolCall[]) {
    try {
      const [promptTokens, completionTokens] = await Promise.all([
        this.chat.countTokens(lmMessagesText(messages)),
        this.chat.countTokens(text + calls.map((call) => `${call.name} ${call.arguments}`).join('\n')),
      ]);
      return { promptTokens, completionTokens };
    } catch {
      return undefined;
    }
  }

  private modelError(err: unknown, partialText: string): ModelError {
    const message = err instanceof Error ? err.message : String(err);
    const code = err instanceof vscode.LanguageModelError ? err.code : undefined;
    const described = describeLmError(code, message, `${this.chat.name} (${this.chat.vendor})`);
    return new ModelError(partialText ? `${described} (the reply broke off; what arrived is kept)` : described, undefined, partialText);
  }

  private newId(): string {
    return `call_${this.idTag}${++this.idCount}`;
  }
}

export function toVsCodeMessage(message: LmMessage): vscode.LanguageModelChatMessage {
  if (message.role === 'assistant') {
    return vscode.LanguageModelChatMessage.Assistant(message.parts.map(toVsCodePart) as Array<vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart>);
  }
  return vscode.LanguageModelChatMessage.User(message.parts.map(toVsCodePart) as Array<vscode.LanguageModelTextPart | vscode.LanguageModelToolResultPart>);
}

/** VS Code's image part, where this editor has it (VS Code 1.100's API has none). */
interface DataPartApi {
  image(data: Uint8Array, mimeType: string): vscode.LanguageModelTextPart;
}

function dataPartApi(): DataPartApi | undefined {
  const api = (vscode as unknown as { LanguageModelDataPart?: Partial<DataPartApi> }).LanguageModelDataPart;
  return typeof api?.image === 'function' ? (api as DataPartApi) : undefined;
}

/** Whether this editor's language model API can pass images to a model. */
export function languageModelTakesImages(): boolean {
  return dataPartApi() !== undefined;
}

function toVsCodePart(part: LmPart): vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart | vscode.LanguageModelToolResultPart {
  switch (part.kind) {
    case 'image': {
      // The chat holds images back where the API has no image part; this line is for a message sent before.
      const api = dataPartApi();
      return api ? api.image(Buffer.from(part.data, 'base64'), part.mimeType) : new vscode.LanguageModelTextPart('[An image was attached here; this editor cannot pass images to the model.]');
    }
    case 'text':
      return new vscode.LanguageModelTextPart(part.value);
    case 'toolCall':
      return new vscode.LanguageModelToolCallPart(part.callId, part.name, part.input);
    case 'toolResult':
      return new vscode.LanguageModelToolResultPart(part.callId, [new vscode.LanguageModelTextPart(part.content)]);
  }
}

// One chat: the conversation sent to the model, and the running turn. Events from runAgent go
// into the transcript (and so to the webview) as they come; Stop aborts the turn's signal; New
// Chat starts over. A turn from an earlier chat can never write into the new one.
import { randomUUID } from 'node:crypto';
import type * as vscode from 'vscode';
import type { Conversation } from '../agent/conversation';
import type { AgentEvent } from '../agent/events';
import { forEditor } from './editorErrors';
import { ContextManager } from '../agent/context/contextManager';
import { contextWindowFor } from '../agent/context/contextWindows';
import type { ContextState } from '../agent/context/requestView';
import { runAgent, type AgentOptions } from '../agent/loop';
import type { Transcript } from './transcript';

export interface Turn {
  /** What the model gets: the user's words and the attached content. */
  content: string;
  /** What the chat shows. */
  display: string;
  attachments: string[];
  options: Omit<AgentOptions, 'signal' | 'context'>;
  /** Built once, for the first turn of a chat. */
  systemPrompt: () => Promise<string>;
  /** Where the requests go, for the log (never the key). */
  endpoint: string;
}

export class ChatAgent {
  private conversation: Conversation = { id: randomUUID(), messages: [] };
  private controller: AbortController | undefined;
  private generation = 0;
  /** What earlier compactions left out, so each turn sends what the last one did. */
  private contextState: ContextState | undefined;

  constructor(
    private readonly transcript: Transcript,
    private readonly log: vscode.LogOutputChannel,
    private readonly onBusyChange: (busy: boolean) => void,
  ) {}

  get busy(): boolean {
    return this.controller !== undefined;
  }

  async run(turn: Turn): Promise<void> {
    if (this.controller) return;
    const controller = new AbortController();
    const generation = this.generation;
    const current = () => generation === this.generation;
    this.controller = controller;
    this.onBusyChange(true);
    this.transcript.add({ type: 'user', id: randomUUID(), text: turn.display, attachments: turn.attachments });
    const context = new ContextManager({ model: turn.options.model, window: contextWindowFor(turn.options.model.name), state: this.contextState });
    try {
      if (this.conversation.messages.length === 0) this.conversation.messages.push({ role: 'system', content: await turn.systemPrompt() });
      this.conversation.messages.push({ role: 'user', content: turn.content });
      for await (const event of runAgent(this.conversation, { ...turn.options, context, signal: controller.signal })) {
        if (!current()) continue;
        this.logEvent(event, turn.endpoint);
        this.transcript.add({ type: 'agent', event: forEditor(event, turn.endpoint) });
      }
    } catch (error) {
      // runAgent reports failures as events; this is the last line of defence.
      const message = error instanceof Error ? error.message : String(error);
      this.log.error(`the agent loop failed: ${message}`);
      if (current()) {
        this.transcript.add({ type: 'agent', event: { type: 'error', message } });
        this.transcript.add({ type: 'agent', event: { type: 'done', reason: 'error', message } });
      }
    } finally {
      if (current()) this.contextState = context.state;
      if (this.controller === controller) this.controller = undefined;
      if (current()) this.onBusyChange(false);
    }
  }

  stop(): void {
    this.controller?.abort();
  }

  /** Stops any turn and forgets the conversation. */
  reset(): void {
    this.stop();
    this.controller = undefined;
    this.generation++;
    this.conversation = { id: randomUUID(), messages: [] };
    this.contextState = undefined;
    this.transcript.clear();
    this.onBusyChange(false);
  }

  private logEvent(event: AgentEvent, endpoint: string): void {
    switch (event.type) {
      case 'step':
        this.log.info(`request ${event.step} to ${endpoint}: ${this.conversation.messages.length} messages`);
        break;
      case 'tool_call':
        this.log.info(`tool call ${event.call.name} ${event.call.arguments.slice(0, 500)}`);
        break;
      case 'tool_result':
        (event.isError ? this.log.warn : this.log.info).call(this.log, `tool result ${event.name}: ${event.isError ? 'error: ' : ''}${event.content.slice(0, 300)}`);
        break;
      case 'error':
        this.log.error(`${event.status ? `HTTP ${event.status}: ` : ''}${event.message}`);
        break;
      case 'retry':
        this.log.warn(`retry ${event.attempt} in ${event.delayMs} ms: ${event.message}`);
        break;
      case 'usage':
        this.log.debug(`usage: ${event.usage.promptTokens} prompt, ${event.usage.completionTokens} completion tokens`);
        break;
      case 'done':
        this.log.info(`turn done: ${event.reason}${event.message ? ` (${event.message})` : ''}`);
        break;
      default:
        break;
    }
  }
}

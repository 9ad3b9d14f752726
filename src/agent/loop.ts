// The agent loop: send the conversation and the tool specs, stream the reply, run the tools it
// asks for, append the results, and ask again, until the model answers without tools, the user
// cancels, maxSteps is reached, or the loop guard stops a model making the same call again and
// again (loopGuard.ts).
//
// Invariant: after every event the conversation is valid to send again. Each tool call the
// assistant message carries gets exactly one tool result, whatever happens (bad arguments,
// unknown tool, a throwing tool, cancellation); a reply cut short keeps its text, marked
// `interrupted`, and drops its half-made tool calls.
import type { AssistantMessage, Conversation, Message, ToolCall, ToolMessage } from './conversation';
import type { AgentEvent } from './events';
import type { CommandRunner } from './commands/commandRunner';
import type { DiagnosticsSource } from './diagnostics';
import type { ContextManager } from './context/contextManager';
import { ModelError, type FinishReason, type Model, type ToolSpec } from './model';
import { isTruncatedCall } from './truncatedCall';
import type { StagedChanges } from './tools/runApproval';
import type { Approver, Tool, ToolResult, UserAsker } from './tools/tool';
import type { Workspace } from './workspace/workspace';
import { EventChannel } from './eventChannel';
import { markedAsError } from './toolErrorMarker';
import { openItemsReminder } from './plan/planChecklist';
import { runHookedToolCall } from './hooks/hookedToolCall';
import type { Hooks } from './hooks/hooks';
import { preCompactHooks, promptHooks, stopHooks } from './hooks/turnHooks';
import { runToolCall } from './runToolCall';
import { createToolContext, type ContextBase } from './toolContext';
import { toolSpecs } from './toolSpecs';
import { deliverNotes, toolsForStep, type ToolSource } from './toolSource';
import { joinQueued, type Steering } from './steering';
import { LoopGuard, refusedResult } from './loopGuard';
import { ChecksBeforeDone, RUN_COMMAND, type TurnCheck } from './checks/checksBeforeDone';

export interface AgentOptions {
  model: Model;
  /** A fixed list, or a source asked before every step (tools the agent writes for itself appear mid-conversation). */
  tools: readonly Tool[] | ToolSource;
  workspace: Workspace;
  approver: Approver;
  /** Default 50. */
  maxSteps?: number;
  signal?: AbortSignal;
  /** Runs run_command's command lines (with their allow/deny rules); without it the tool says it is not available. */
  commands?: CommandRunner;
  /** The editor's problems for get_diagnostics; absent in the CLI. */
  diagnostics?: DiagnosticsSource;
  /** Keeps each request inside the model's window, compacting when needed; without it the history is sent as it is. */
  context?: Pick<ContextManager, 'prepare'>;
  /** Answers ask_user (the chat view, an interactive terminal); without it the tool says nobody can answer. */
  asker?: UserAsker;
  /** The staged changes when the person reviews at the end (the workspace is then a StagedWorkspace). */
  staged?: StagedChanges;
  /** The user's and the workspace's hooks (see hooks/hookConfig). */
  hooks?: Hooks;
  /**
   * Ask a model that stops with plan items open to see to them (default true). Off in Ask and
   * Plan modes: the plan is for later, and the model could not carry it out there anyway.
   */
  remindOpenPlanItems?: boolean;
  /** Messages the person sent while the loop works, delivered at each step boundary (see steering.ts). */
  steering?: Steering;
  /**
   * The project's checks (see checks/checksBeforeDone): a model that changed files and stops
   * without having run them since is asked to, once per turn. None: no reminder (Ask and Plan
   * modes, the setting off, a project without checks).
   */
  checks?: readonly TurnCheck[];
}

export const DEFAULT_MAX_STEPS = 50;

const CANCELLED_BEFORE_RUN = 'Cancelled by the user; this call was not run.';
const CANCELLED_WHILE_RUNNING = 'Cancelled by the user while this call was running; it may have done part of its work.';
const ABANDONED = 'Stopped before this call finished; it may have done part of its work.';
const EMPTY_REPLY = 'The model sent back an empty reply: no text and no tool call. Send your message again, or choose another model.';
const EMPTY_REPLY_NOTE = '[Note from Ouro] Your last reply was empty: no text and no tool call. Answer in text, or call a tool.';
const NOT_RUN_AFTER_STOP = 'Not run: Ouro stopped the turn before this call (the same call was made again and again).';
const TRUNCATED_CALL =
  'Not run: your reply reached the output token limit while writing this call, so its arguments were cut off. ' +
  'Call it again with less in it (write a large file in parts, or use edit_file).';

/**
 * Runs one user turn on `conversation` (whose last message is the user's), appending every
 * assistant and tool message to it as it goes, and yields what happens.
 */
export async function* runAgent(conversation: Conversation, options: AgentOptions): AsyncGenerator<AgentEvent> {
  const maxSteps = options.maxSteps ?? DEFAULT_MAX_STEPS;
  const signal = options.signal ?? new AbortController().signal;
  const notes: string[] = [];
  let reminded = false;
  let checksReminded = false;
  const guard = new LoopGuard();
  const checks = new ChecksBeforeDone(options.checks ?? []);
  let specsOf: { tools: readonly Tool[]; specs: ToolSpec[] } | undefined;
  const base: ContextBase = { workspace: options.workspace, approver: options.approver, signal, commands: options.commands, diagnostics: options.diagnostics, asker: options.asker, staged: options.staged, hooks: options.hooks };
  if (options.hooks?.has('UserPromptSubmit')) {
    const ended = yield* promptHooks(conversation, options.hooks, signal);
    if (ended) return;
  }
  let stopHookActive = false;
  for (let step = 1; step <= maxSteps; step++) {
    if (signal.aborted) return yield { type: 'done', reason: 'cancelled' };
    yield { type: 'step', step };
    // After the tool results, before the request: the person's words go in where they were read.
    yield* deliverSteering(conversation, options.steering);
    const { tools, notes: newNotes = [] } = await toolsForStep(options.tools, signal);
    notes.push(...newNotes);
    deliverNotes(conversation.messages, notes);
    // The same list gives the same specs object, so what is measured per list stays measured.
    if (specsOf?.tools !== tools) specsOf = { tools, specs: toolSpecs(tools) };
    const { specs } = specsOf;
    const compactionNotices: string[] = [];
    const beforeSummary = options.hooks?.has('PreCompact') ? preCompactHooks(options.hooks, signal, compactionNotices) : undefined;
    const prepared = options.context && (await options.context.prepare(conversation.messages, specs, signal, false, beforeSummary));
    for (const text of compactionNotices) yield { type: 'hook', text };
    if (prepared && prepared.compaction) yield { type: 'compacted', compaction: prepared.compaction };
    const reply = yield* streamReply(options.model, prepared ? prepared.messages : conversation.messages, specs, signal);
    if (reply.kind !== 'finished') {
      if (reply.text || reply.reasoning) conversation.messages.push(assistant(reply.text, reply.reasoning, { interrupted: true }));
      if (reply.kind === 'cancelled') return yield { type: 'done', reason: 'cancelled' };
      yield { type: 'error', message: reply.message, ...(reply.status ? { status: reply.status } : {}) };
      return yield { type: 'done', reason: 'error', message: reply.message };
    }
    if (reply.toolCalls.length === 0) {
      if (!reply.text && !reply.reasoning) {
        // Nothing at all (the model client has already asked again, where that helps): the
        // model hears it on its next request, and the turn ends saying so.
        conversation.messages.push({ role: 'user', content: EMPTY_REPLY_NOTE, note: true });
        return yield { type: 'done', reason: 'stop', message: EMPTY_REPLY };
      }
      conversation.messages.push(assistant(reply.text, reply.reasoning));
      // A message that came while the model answered starts the next request rather than wait for another turn.
      if (step < maxSteps && (yield* deliverSteering(conversation, options.steering))) continue;
      // Once per turn, a model that stops with plan items open and says nothing of them is asked to.
      const reminder = !reminded && options.remindOpenPlanItems !== false && step < maxSteps && reply.reason === 'stop' ? openItemsReminder(conversation.messages, reply.text) : undefined;
      if (reminder) {
        reminded = true;
        conversation.messages.push({ role: 'user', content: reminder });
        yield { type: 'reminder', text: reminder };
        continue;
      }
      const checksReminder = !checksReminded && step < maxSteps && reply.reason === 'stop' && tools.some((tool) => tool.name === RUN_COMMAND) ? checks.reminder(Boolean(options.staged?.pending().length)) : undefined;
      if (checksReminder) {
        checksReminded = true;
        conversation.messages.push({ role: 'user', content: checksReminder });
        yield { type: 'reminder', text: checksReminder };
        continue;
      }
      if (options.hooks?.has('Stop') && step < maxSteps) {
        const goOn: boolean = yield* stopHooks(conversation, options.hooks, stopHookActive, signal);
        stopHookActive ||= goOn;
        if (goOn) continue;
      }
      const message = endNote(reply.reason, reply.text);
      return yield { type: 'done', reason: 'stop', ...(message ? { message } : {}) };
    }
    conversation.messages.push(assistant(reply.text, reply.reasoning, { toolCalls: reply.toolCalls }));
    let answered = 0;
    let stopped: string | undefined;
    try {
      for (const call of reply.toolCalls) {
        yield { type: 'tool_call', call };
        // A call made again and again is not run: it is answered, and the turn ends after it.
        stopped = guard.refuse(call);
        const message = toolMessage(call, stopped ? { content: refusedResult(stopped), isError: true } : yield* runOne(call, reply.reason, tools, base));
        conversation.messages.push(message);
        answered++;
        yield { type: 'tool_result', id: call.id, name: call.name, content: message.content, isError: Boolean(message.isError) };
        if (stopped) break;
        checks.observe(call, Boolean(message.isError));
        const note = guard.note(call, Boolean(message.isError));
        if (note) {
          notes.push(note);
          yield { type: 'reminder', text: note };
        }
      }
    } finally {
      // A consumer that stops reading mid-tool (instead of aborting) must not leave calls unanswered.
      const unanswered = stopped ? NOT_RUN_AFTER_STOP : ABANDONED;
      for (const call of reply.toolCalls.slice(answered)) conversation.messages.push(toolMessage(call, { content: unanswered, isError: true }));
    }
    if (signal.aborted) return yield { type: 'done', reason: 'cancelled' };
    if (stopped) {
      deliverNotes(conversation.messages, notes);
      return yield { type: 'done', reason: 'stop', message: stopped };
    }
  }
  yield { type: 'done', reason: 'max_steps', message: `Stopped after ${maxSteps} steps without finishing.` };
}

/**
 * Appends what is queued as one user message (many chat templates refuse two user messages in
 * a row), told as it goes in; whether there was any. Right after the user's own message (the
 * first step) it waits for the next boundary, for the same reason.
 */
function* deliverSteering(conversation: Conversation, steering: Steering | undefined): Generator<AgentEvent, boolean> {
  if (!steering || conversation.messages.at(-1)?.role === 'user') return false;
  const queued = steering.take();
  if (queued.length === 0) return false;
  const text = joinQueued(queued);
  conversation.messages.push({ role: 'user', content: text });
  yield { type: 'steer', text };
  return true;
}

async function* runOne(call: ToolCall, reason: FinishReason, tools: readonly Tool[], base: ContextBase): AsyncGenerator<AgentEvent, ToolResult> {
  if (base.signal.aborted) return { content: CANCELLED_BEFORE_RUN, isError: true };
  if (isTruncatedCall(call, reason)) return { content: TRUNCATED_CALL, isError: true };
  // A fresh channel per call: anything a cancelled tool emits later is dropped, not misplaced.
  const channel = new EventChannel();
  const ctx = createToolContext(base, call.id, channel.emit);
  const running = base.hooks ? runHookedToolCall(call, tools, ctx, base.hooks) : runToolCall(call, tools, ctx);
  const result = yield* channel.drain(untilAborted(running, base.signal));
  return result ?? { content: CANCELLED_WHILE_RUNNING, isError: true };
}

/** Resolves with the work's result, or with undefined the moment `signal` aborts (a tool may ignore it). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | undefined> {
  if (signal.aborted) return Promise.resolve(undefined);
  return new Promise<T | undefined>((resolve, reject) => {
    const onAbort = () => resolve(undefined);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

type Reply =
  | { kind: 'finished'; text: string; reasoning: string; reason: FinishReason; toolCalls: ToolCall[] }
  | { kind: 'cancelled'; text: string; reasoning: string }
  | { kind: 'failed'; text: string; reasoning: string; message: string; status?: number };

async function* streamReply(model: Model, messages: readonly Message[], tools: ToolSpec[], signal: AbortSignal): AsyncGenerator<AgentEvent, Reply> {
  let text = '';
  let reasoning = '';
  let finish: { reason: FinishReason; toolCalls: ToolCall[] } | undefined;
  try {
    for await (const chunk of model.stream({ messages: [...messages], tools, signal })) {
      if (signal.aborted) break;
      switch (chunk.type) {
        case 'text':
          text += chunk.delta;
          yield { type: 'text', delta: chunk.delta };
          break;
        case 'reasoning':
          reasoning += chunk.delta;
          yield { type: 'reasoning', delta: chunk.delta };
          break;
        case 'retry':
          yield { type: 'retry', attempt: chunk.attempt, delayMs: chunk.delayMs, message: chunk.message };
          break;
        case 'usage':
          yield { type: 'usage', usage: chunk.usage };
          break;
        case 'finish':
          finish = { reason: chunk.reason, toolCalls: chunk.toolCalls };
          break;
      }
    }
  } catch (err) {
    if (signal.aborted) return { kind: 'cancelled', text, reasoning };
    const status = err instanceof ModelError ? err.status : undefined;
    return { kind: 'failed', text, reasoning, message: err instanceof Error ? err.message : String(err), ...(status ? { status } : {}) };
  }
  if (signal.aborted) return { kind: 'cancelled', text, reasoning };
  if (!finish) return { kind: 'failed', text, reasoning, message: `The reply from ${model.name} ended without finishing.` };
  return { kind: 'finished', text, reasoning, ...finish };
}

/** Where every result, whichever path it came by, becomes what the model reads: failures marked. */
function toolMessage(call: ToolCall, result: ToolResult): ToolMessage {
  const base = { role: 'tool' as const, toolCallId: call.id, name: call.name };
  return result.isError ? { ...base, content: markedAsError(result.content), isError: true } : { ...base, content: result.content };
}

function assistant(text: string, reasoning: string, extra: Partial<AssistantMessage> = {}): AssistantMessage {
  return { role: 'assistant', content: text, ...(reasoning ? { reasoning } : {}), ...extra };
}

function endNote(reason: FinishReason, text: string): string | undefined {
  if (reason === 'length') return 'The reply was cut off by the output token limit.';
  if (reason === 'content_filter') return 'The reply was stopped by the content filter.';
  if (!text) return 'The model replied only with its thinking, and no answer.';
  return undefined;
}

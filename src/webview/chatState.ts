// The chat's state and the pure reducer that folds host messages into it. Items are replaced,
// never mutated, when they change: the renderer compares identities to redraw only what changed
// (during streaming, just the message in flight).
import type { ModeId } from '../agent/modes/chatMode';
import type { AgentEvent } from '../agent/events';
import { emptyTotals, type UsageTotals } from '../agent/usage/usageTotals';
import type { AttachmentView, ChangedFileView, ConnectionView, HistoryEntry, HostMessage, McpServerView, MeterView, PendingDecision, SetupState, SlashCommandView, CustomModeView, NoticeAction, MentionCandidateView } from '../protocol/messages';
import { decisionNote, isRejectionNote, STOPPED_NOTE } from '../protocol/notes';
import { compactionNote } from './usageText';
import type { QueuedMessage } from '../agent/steering';
import type { TryCardView } from '../protocol/tryCard';
import { PLAN_TOOL, planFromArguments, planProgress, type PlanItem } from '../agent/plan/planChecklist';

/** `rejected` and `stopped` are the user's choice, shown apart from a tool that failed. */
export type ToolStatus = 'running' | 'done' | 'failed' | 'waiting' | 'rejected' | 'stopped';

export type ChatItem =
  /** `images`: data: URLs of the images sent with it. */
  | { kind: 'user'; key: string; text: string; attachments: string[]; messageIndex?: number; images?: string[] }
  | { kind: 'assistant'; key: string; text: string; reasoning: string; streaming: boolean }
  | {
      kind: 'tool';
      key: string;
      toolCallId: string;
      name: string;
      target: string;
      args: string;
      status: ToolStatus;
      result?: string;
      pending?: PendingDecision & { approvalId?: string };
      /** What the user decided, e.g. "Rejected: use tabs". */
      note?: string;
      /** The user rejected the call, so its error result is their choice, not a failure. */
      rejectedByUser?: boolean;
      /** The user's Stop ended the wait for their decision: not a failure either. */
      stoppedByUser?: boolean;
    }
  | { kind: 'error'; key: string; message: string; status?: number }
  /** `retry`: the one line that says the request is being retried, updated in place. */
  /** `code`: what Ouro told the model, whose `code spans` are shown as code. */
  | { kind: 'notice'; key: string; text: string; retry?: boolean; action?: NoticeAction; code?: boolean }
  | { kind: 'projectContext'; key: string; rules: Array<{ path: string; truncated: boolean }>; skills: string[]; problems: string[] }
  /** What a turn used, under its reply. */
  | { kind: 'usage'; key: string; usage: UsageTotals }
  /** A Try N ways run, replaced in place as it goes on. */
  | { kind: 'tryCard'; key: string; card: TryCardView };

export type ToolItem = Extract<ChatItem, { kind: 'tool' }>;

export interface ChatState {
  items: ChatItem[];
  busy: boolean;
  setup: SetupState;
  /** The latest Test connection, shown in the setup card. */
  connection?: ConnectionView;
  attachments: AttachmentView[];
  /** The conversation's mode, shown beside the model name, and the custom modes it may switch to. */
  mode: ModeId;
  customModes?: CustomModeView[];
  /** Messages sent while Ouro works, shown as queued after the transcript until delivered. */
  queued?: QueuedMessage[];
  /** The conversation's usage and the context meter, as the host last measured them. */
  meter: MeterView;
  /** "Changed in this conversation". */
  changedFiles: ChangedFileView[];
  nextKey: number;
  /** The history list, while it is open. */
  history?: { query: string; entries: HistoryEntry[] };
  /** The MCP servers, as the host last reported them. */
  mcpServers: McpServerView[];
  /** The `/` picker's list, as the host last read it. */
  slashCommands?: { commands: SlashCommandView[]; problems: string[] };
  /** The @ picker's list, as the host last sent it. */
  mentionCandidates?: MentionCandidateView[];
  /** The symbols matching the @ picker's latest query. */
  mentionSymbols?: { query: string; symbols: MentionCandidateView[] };
  /** The latest plan the plan tool accepted, pinned above the input; derived from the transcript, so a reload keeps it. */
  plan?: PlanItem[];
}

export function initialChatState(): ChatState {
  return {
    items: [],
    busy: false,
    setup: { configured: true, provider: 'openai', baseUrl: '', model: '', hasApiKey: false },
    attachments: [],
    mode: 'agent',
    meter: { usage: emptyTotals() },
    changedFiles: [],
    mcpServers: [],
    nextKey: 1,
  };
}

export function reduce(state: ChatState, message: HostMessage): ChatState {
  switch (message.type) {
    case 'state':
      return { ...state, busy: message.busy, setup: message.setup, connection: message.connection, attachments: message.attachments, mode: message.mode, customModes: message.customModes, queued: message.queued };
    case 'snapshot': {
      const base: ChatState = { ...initialChatState(), mcpServers: state.mcpServers, ...message.state };
      return message.transcript.reduce<ChatState>(reduce, base);
    }
    case 'focusInput':
    // The input's, not the state's (main.ts).
    case 'queuedBack':
    // The composer's menu's (main.ts).
    case 'tryAvailability':
      return state;
    case 'slashCommands':
      return { ...state, slashCommands: { commands: message.commands, problems: message.problems } };
    case 'mentionCandidates':
      return { ...state, mentionCandidates: message.candidates };
    // The session list's (sessionState.ts).
    case 'sessions':
    case 'sessionView':
    case 'sessionMessage':
      return state;
    case 'mentionSymbols':
      return { ...state, mentionSymbols: { query: message.query, symbols: message.symbols } };
    case 'history':
      return { ...state, history: { query: message.query, entries: message.entries } };
    case 'user':
      return push(finishStreaming(state), {
        kind: 'user',
        text: message.text,
        attachments: message.attachments,
        ...(message.messageIndex !== undefined ? { messageIndex: message.messageIndex } : {}),
        ...(message.images?.length ? { images: message.images } : {}),
      });
    case 'agent':
      return reduceAgentEvent(state, message.event);
    case 'projectContext':
      return push(finishStreaming(state), { kind: 'projectContext', rules: message.rules, skills: message.skills, problems: message.problems });
    case 'pending':
      return setPending(state, message.decision);
    case 'notice':
      return push(finishStreaming(state), { kind: 'notice', text: message.text, ...(message.action ? { action: message.action } : {}) });
    case 'decided':
      return updateTool(state, message.toolCallId, (tool) => ({
        ...tool,
        // A card that is no tool call's (the MCP servers' trust) ends with its decision.
        status: tool.status !== 'waiting' ? tool.status : !tool.pending?.toolName ? 'running' : message.accepted ? 'done' : 'rejected',
        pending: undefined,
        note: message.note ?? (message.accepted ? 'Accepted' : 'Rejected'),
        rejectedByUser: !message.accepted && (message.note === undefined || isRejectionNote(message.note)),
        ...(!message.accepted && message.note === STOPPED_NOTE ? { stoppedByUser: true } : {}),
      }));
    case 'tryCard':
      return upsertTryCard(state, message.card);
    case 'turnUsage':
      return push(state, { kind: 'usage', usage: message.usage });
    case 'changedFiles':
      return { ...state, changedFiles: message.files };
    case 'mcpServers':
      return { ...state, mcpServers: message.servers };
    case 'meter': {
      const { type: _type, ...meter } = message;
      return { ...state, meter };
    }
    default: {
      const _exhaustive: never = message;
      return _exhaustive;
    }
  }
}

function reduceAgentEvent(state: ChatState, event: AgentEvent): ChatState {
  // The retry line says what is happening now; once the reply or the error comes, it is over.
  if (event.type !== 'retry' && event.type !== 'step' && event.type !== 'usage') state = withoutRetryLine(state);
  switch (event.type) {
    case 'step':
    // The host shows a delivered message as the user's (with where it is, for Undo since).
    case 'steer':
      return state;
    case 'text':
      return appendToAssistant(state, 'text', event.delta);
    case 'reasoning':
      return appendToAssistant(state, 'reasoning', event.delta);
    case 'tool_call':
      if (findTool(state, event.call.id)) return state;
      return push(finishStreaming(state), {
        kind: 'tool',
        toolCallId: event.call.id,
        name: event.call.name,
        target: event.call.name === PLAN_TOOL ? planTarget(event.call.arguments) : toolTarget(event.call.arguments),
        args: event.call.arguments,
        status: 'running',
      });
    case 'tool_result':
      return withPlan(updateTool(state, event.id, (tool) => ({
        ...tool,
        status: !event.isError ? 'done' : tool.rejectedByUser ? 'rejected' : tool.stoppedByUser ? 'stopped' : 'failed',
        result: event.content,
        pending: undefined,
      })), event);
    case 'approval_request':
      return setPending(state, { toolCallId: event.toolCallId, kind: event.kind, title: event.title, detail: event.detail, ...(event.lines ? { lines: event.lines } : {}) }, event.id);
    case 'approval_result': {
      const tool = state.items.find((item): item is ToolItem => item.kind === 'tool' && item.pending?.approvalId === event.id);
      if (!tool) return state;
      return reduce(state, { type: 'decided', toolCallId: tool.toolCallId, accepted: event.approved, note: decisionNote(event.approved, event.reason) });
    }
    case 'usage':
      // The host adds usage up, with the price: it arrives as `meter` and `turnUsage`.
      return state;
    case 'retry': {
      const text = `${event.message} Retrying in ${Math.ceil(event.delayMs / 1000)} s (attempt ${event.attempt}).`;
      const last = state.items[state.items.length - 1];
      if (last?.kind === 'notice' && last.retry) return { ...state, items: [...state.items.slice(0, -1), { ...last, text }] };
      return push(state, { kind: 'notice', text, retry: true });
    }
    case 'compacted':
      return push(finishStreaming(state), { kind: 'notice', text: compactionNote(event.compaction) });
    case 'reminder':
      return push(finishStreaming(state), { kind: 'notice', text: `Reminded Ouro: ${event.text}`, code: true });
    case 'hook':
      return push(finishStreaming(state), { kind: 'notice', text: event.text });
    case 'error':
      return push(finishStreaming(state), { kind: 'error', message: event.message, status: event.status });
    case 'done':
      return reduceDone(finishStreaming(state), event);
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

function withoutRetryLine(state: ChatState): ChatState {
  const last = state.items[state.items.length - 1];
  return last?.kind === 'notice' && last.retry ? { ...state, items: state.items.slice(0, -1) } : state;
}

function reduceDone(state: ChatState, event: Extract<AgentEvent, { type: 'done' }>): ChatState {
  // Cards still running when the turn ends will get no result: stopped by the user's Stop, else failed.
  const status = event.reason === 'cancelled' ? ('stopped' as const) : ('failed' as const);
  const items = state.items.map((item) =>
    item.kind === 'tool' && (item.status === 'running' || item.status === 'waiting')
      ? { ...item, status, pending: undefined, result: item.result ?? 'Stopped before it finished.' }
      : item,
  );
  const next = { ...state, items: items.some((item, i) => item !== state.items[i]) ? items : state.items };
  switch (event.reason) {
    case 'stop':
      // A turn that ended on its own with something to say (the loop guard, an empty reply, a cut-off one).
      return event.message ? push(next, { kind: 'notice', text: event.message }) : next;
    case 'cancelled':
      return push(next, { kind: 'notice', text: 'Stopped.' });
    case 'max_steps':
      return push(next, { kind: 'notice', text: event.message ?? 'Stopped: the step limit (ouro.maxSteps) was reached.' });
    case 'error': {
      // The error event usually came just before; do not say it twice.
      const last = next.items[next.items.length - 1];
      if (last?.kind === 'error' || !event.message) return next;
      return push(next, { kind: 'error', message: event.message });
    }
    default: {
      const _exhaustive: never = event.reason;
      return _exhaustive;
    }
  }
}

export function closeHistory(state: ChatState): ChatState {
  return state.history ? { ...state, history: undefined } : state;
}


/** After a plan call succeeds, its items are the plan. */
function withPlan(state: ChatState, result: Extract<AgentEvent, { type: 'tool_result' }>): ChatState {
  if (result.isError || result.name !== PLAN_TOOL) return state;
  const plan = planFromArguments(findTool(state, result.id)?.args ?? '');
  return plan ? { ...state, plan } : state;
}

function planTarget(argumentsJson: string): string {
  const plan = planFromArguments(argumentsJson);
  return plan ? `${planProgress(plan)} done` : '';
}

/** The path (or pattern, command, question) a tool call is about, for its card's one-line summary. */
export function toolTarget(argumentsJson: string): string {
  let args: unknown;
  try {
    args = JSON.parse(argumentsJson);
  } catch {
    return '';
  }
  if (args === null || typeof args !== 'object') return '';
  const record = args as Record<string, unknown>;
  for (const key of ['path', 'pattern', 'command', 'url', 'query', 'cwd', 'question']) {
    if (typeof record[key] === 'string') return record[key] as string;
  }
  return '';
}

type NewItem = ChatItem extends infer I ? (I extends ChatItem ? Omit<I, 'key'> : never) : never;

/** A run's card is replaced where it is (same card id), or added after the chat. */
function upsertTryCard(state: ChatState, card: TryCardView): ChatState {
  const at = state.items.findIndex((item) => item.kind === 'tryCard' && item.card.id === card.id);
  if (at < 0) return push(finishStreaming(state), { kind: 'tryCard', card });
  const items = state.items.slice();
  items[at] = { ...items[at], card } as ChatItem;
  return { ...state, items };
}

function push(state: ChatState, item: NewItem): ChatState {
  const keyed = { ...item, key: `i${state.nextKey}` } as ChatItem;
  return { ...state, items: [...state.items, keyed], nextKey: state.nextKey + 1 };
}

function appendToAssistant(state: ChatState, field: 'text' | 'reasoning', delta: string): ChatState {
  const last = state.items[state.items.length - 1];
  if (last?.kind === 'assistant' && last.streaming) {
    const items = state.items.slice();
    items[items.length - 1] = { ...last, [field]: last[field] + delta };
    return { ...state, items };
  }
  return push(state, { kind: 'assistant', text: field === 'text' ? delta : '', reasoning: field === 'reasoning' ? delta : '', streaming: true });
}

function finishStreaming(state: ChatState): ChatState {
  const last = state.items[state.items.length - 1];
  if (last?.kind !== 'assistant' || !last.streaming) return state;
  const items = state.items.slice();
  items[items.length - 1] = { ...last, streaming: false };
  return { ...state, items };
}

function findTool(state: ChatState, toolCallId: string): ToolItem | undefined {
  return state.items.find((item): item is ToolItem => item.kind === 'tool' && item.toolCallId === toolCallId);
}

function updateTool(state: ChatState, toolCallId: string, change: (tool: ToolItem) => ToolItem): ChatState {
  const index = state.items.findIndex((item) => item.kind === 'tool' && item.toolCallId === toolCallId);
  if (index < 0) return state;
  const items = state.items.slice();
  items[index] = change(items[index] as ToolItem);
  return { ...state, items };
}

function setPending(state: ChatState, decision: PendingDecision, approvalId?: string): ChatState {
  const withCard = findTool(state, decision.toolCallId)
    ? state
    : push(finishStreaming(state), {
        kind: 'tool',
        toolCallId: decision.toolCallId,
        name: decision.toolName ?? { edit: 'edit', read: 'read', execute: 'run_command', question: 'ask_user' }[decision.kind],
        // A card of its own (the MCP servers' trust) says it all in its approval, then in its note.
        target: decision.toolName ? '' : decision.title,
        args: '',
        status: 'running',
      });
  return updateTool(withCard, decision.toolCallId, (tool) => {
    // The loop's approval event and the host's question describe the same wait, in either order;
    // only the host's carries the allow rules, the choices and why a protected edit asks, only the loop's an
    // edit's line counts.
    const allowRules = decision.allowRules ?? tool.pending?.allowRules;
    const lines = decision.lines ?? tool.pending?.lines;
    const protectedWhy = decision.protectedWhy ?? tool.pending?.protectedWhy;
    const choices = decision.choices ?? tool.pending?.choices;
    return {
      ...tool,
      status: 'waiting',
      note: undefined,
      pending: { ...decision, ...(allowRules ? { allowRules } : {}), ...(lines ? { lines } : {}), ...(protectedWhy ? { protectedWhy } : {}), ...(choices ? { choices } : {}), approvalId: approvalId ?? tool.pending?.approvalId },
    };
  });
}


// Every message between the chat webview and the extension host, each way, as one discriminated
// union on `type`. The webview is untrusted: what it sends is described by zod schemas (the types
// are inferred from them, so they are written once) and validated by the host before it acts.
// The webview imports this module with `import type` only, so zod stays out of its bundle.
import * as z from 'zod';
import type { ContextBreakdown } from '../agent/context/contextBreakdown';
import type { AgentEvent, LineCounts, Usage } from '../agent/events';
import type { UsageTotals } from '../agent/usage/usageTotals';
import type { CheckStatus, ConnectionReport } from '../llm/connectionTest';
import { MODE_ID, type ModeId } from '../agent/modes/chatMode';
import type { QueuedMessage } from '../agent/steering';
import { MAX_IMAGE_BYTES, MAX_IMAGES } from '../agent/images/userImage';
import { MAX_ATTEMPTS, MIN_ATTEMPTS } from '../agent/worktrees/bestOfN';
import type { TryCardView } from './tryCard';

export type { CheckStatus };

// ---------------------------------------------------------------- webview -> host

const id = z.string().min(1).max(200);
/** An image of MAX_IMAGE_BYTES in base64. */
const MAX_IMAGE_BASE64 = Math.ceil(MAX_IMAGE_BYTES / 3) * 4;

export const webviewMessageSchema = z.discriminatedUnion('type', [
  /** The webview loaded (or reloaded) and wants a snapshot. */
  z.object({ type: z.literal('ready') }),
  /** `images`: pasted or dropped images as base64, downscaled by the view; the host checks each again. */
  z.object({ type: z.literal('send'), text: z.string().max(200_000), images: z.array(z.string().max(MAX_IMAGE_BASE64)).max(MAX_IMAGES).optional() }),
  z.object({ type: z.literal('stop') }),
  z.object({ type: z.literal('newChat') }),
  /**
   * Accept what is pending for a tool call: a proposed edit or a command approval. `choice`: which
   * of the offered choices (`PendingDecision.choices`); the host refuses one it did not offer.
   */
  z.object({ type: z.literal('accept'), toolCallId: id, choice: z.string().min(1).max(100).optional() }),
  z.object({ type: z.literal('reject'), toolCallId: id, reason: z.string().max(4_000).optional() }),
  /**
   * Accept a command and add allow rules for it to the settings. The host adds only rules it
   * offered for that very call (`PendingDecision.allowRules`); anything else is refused.
   */
  z.object({ type: z.literal('alwaysAllow'), toolCallId: id, rules: z.array(z.string().min(1).max(1_000)).min(1).max(20) }),
  /** The user's answer to an ask_user question: an option they clicked, or their own words. */
  z.object({ type: z.literal('answer'), toolCallId: id, text: z.string().trim().min(1).max(20_000) }),
  /** Open a pending proposal's diff again (the user closed its tab). */
  z.object({ type: z.literal('showDiff'), toolCallId: id }),
  z.object({ type: z.literal('setApiKey') }),
  z.object({ type: z.literal('saveSetup'), baseUrl: z.string().max(2_000), model: z.string().max(200), provider: z.enum(['openai', 'vscode-lm']).optional() }),
  /** Test what the setup card holds (not saved yet): the endpoint, the model, its tool calls. */
  z.object({ type: z.literal('testConnection'), baseUrl: z.string().max(2_000), model: z.string().max(200), provider: z.enum(['openai', 'vscode-lm']).optional() }),
  /** Open the model picker (the model name in the header). */
  z.object({ type: z.literal('chooseModel') }),
  z.object({ type: z.literal('removeAttachment'), id }),
  z.object({ type: z.literal('copy'), text: z.string().max(1_000_000) }),
  /** Open a workspace file the transcript mentions (a tool card's target). */
  z.object({ type: z.literal('openFile'), path: z.string().min(1).max(4_000), startLine: z.number().int().positive().optional(), endLine: z.number().int().positive().optional() }),
  /** The history list: filter it (empty: all), open, rename or delete a saved conversation. */
  z.object({ type: z.literal('searchHistory'), query: z.string().max(500) }),
  z.object({ type: z.literal('openConversation'), id }),
  z.object({ type: z.literal('renameConversation'), id }),
  z.object({ type: z.literal('deleteConversation'), id }),
  /** Compact the conversation now, whatever its size (the context meter's action). */
  z.object({ type: z.literal('compact') }),
  /** Restore every file the agent changed from this message (its index in the conversation) on. */
  z.object({ type: z.literal('undoSince'), messageIndex: z.number().int().nonnegative() }),
  /** A changed file's diff: before the conversation ↔ now. */
  z.object({ type: z.literal('openChange'), path: z.string().min(1).max(4_000) }),
  /** The actions under a failed turn: send the same conversation again, open Ouro's settings, test the configured connection. */
  z.object({ type: z.literal('errorAction'), action: z.enum(['retry', 'openSettings', 'testConnection']) }),
  /** Put a changed file back as it was before the conversation. */
  z.object({ type: z.literal('revertFile'), path: z.string().min(1).max(4_000) }),
  /** The MCP server list: turn a server on or off in this workspace, trust a workspace's server, show the servers' log. */
  z.object({ type: z.literal('setMcpServerEnabled'), name: z.string().min(1).max(200), enabled: z.boolean() }),
  z.object({ type: z.literal('trustMcpServer'), name: z.string().min(1).max(200) }),
  z.object({ type: z.literal('showMcpLog') }),
  /** The chat's mode (the switcher beside the model name): which tools the model is offered. */
  z.object({ type: z.literal('setMode'), mode: z.string().regex(MODE_ID) }),
  /** Hand the plan Plan mode wrote to Agent mode, to carry it out. */
  z.object({ type: z.literal('carryOutPlan') }),
  /** The `/` picker opened: list the commands and prompt files as they are now. */
  z.object({ type: z.literal('listSlashCommands') }),
  /** Send the message held back because the model does not take images, without its images. */
  z.object({ type: z.literal('sendWithoutImages') }),
  /** The mode switcher or the view got focus: list the custom modes as they are now. */
  z.object({ type: z.literal('listModes') }),
  /** Take back a message sent while Ouro worked, before it is delivered. */
  z.object({ type: z.literal('removeQueued'), id }),
  /** The @ picker opened: list what can be mentioned, as it is now. */
  z.object({ type: z.literal('listMentions') }),
  /** Mention a workspace file (`path` or `path:12-40`) or folder: a chip, and its content in the next message. */
  z.object({ type: z.literal('addMention'), path: z.string().min(1).max(4_000) }),
  /** Mention what the editor knows: its problems, the working tree's changes, the terminal's last command. */
  z.object({ type: z.literal('addEditorMention'), kind: z.enum(['problems', 'changes', 'terminal']) }),
  /** Mention a web page: fetched by fetch_url's rules, approved unless its domain is allowed. */
  z.object({ type: z.literal('addUrlMention'), url: z.string().min(1).max(2_000) }),
  /** Files and folders dropped on the chat (their URIs): each mentioned as if picked with @. */
  z.object({ type: z.literal('dropMentions'), uris: z.array(z.string().min(1).max(4_000)).min(1).max(50) }),
  /** The @ picker's query, for the language servers' symbols that match it. */
  z.object({ type: z.literal('listSymbols'), query: z.string().max(200) }),
  /** The session list: look at a worktree session (its branch) in the chat view, or back at the chat (none). */
  z.object({ type: z.literal('viewSession'), branch: z.string().min(1).max(300).optional() }),
  /** Stop one worktree session; the others and the chat go on. */
  z.object({ type: z.literal('stopSession'), branch: z.string().min(1).max(300) }),
  /** The composer's menu: run the typed words N ways, each in its own worktree; the project's checks choose. */
  z.object({ type: z.literal('tryWays'), text: z.string().trim().min(1).max(200_000), attempts: z.number().int().min(MIN_ATTEMPTS).max(MAX_ATTEMPTS) }),
  /** The composer's menu: run the typed words as a session in the background, in a new worktree or here in the workspace. */
  z.object({ type: z.literal('newSession'), text: z.string().trim().min(1).max(200_000), where: z.enum(['worktree', 'here']) }),
  /** The composer's menu opened: can Try N ways run here (a git repository)? */
  z.object({ type: z.literal('tryAvailability') }),
  /** A Try N ways card's buttons: review or apply an attempt, discard the others, stop the run. */
  z.object({ type: z.literal('tryAction'), card: id, action: z.enum(['review', 'apply', 'discardOthers', 'stop']), attempt: z.number().int().min(1).max(MAX_ATTEMPTS).optional() }),
]);

export type WebviewMessage = z.infer<typeof webviewMessageSchema>;
export type WebviewMessageType = WebviewMessage['type'];

// ---------------------------------------------------------------- host -> webview

/** A file or a selection attached to the next message; the content stays in the host. */
export interface AttachmentView {
  id: string;
  /** What the chip shows: the display path, with `:start-end` for a selection. */
  label: string;
  path: string;
  /** A mentioned folder (its listing goes with the message). */
  folder?: boolean;
  /** A range or a symbol: its lines (1-based, inclusive), which opening it selects. */
  startLine?: number;
  endLine?: number;
}

/** Something the @ picker offers. */
export interface MentionCandidateView {
  /** The display path; a folder's ends in `/`; the active editor's selection and a symbol's definition are `path:12-40`. */
  path: string;
  kind: 'file' | 'folder' | 'symbol';
  /** Open in an editor (or its selection): listed first. */
  open?: boolean;
  /** A symbol's name. */
  name?: string;
}

/** What the setup card needs to know; the key itself never crosses to the webview. */
export interface SetupState {
  /** A model is set (in settings or OURO_MODEL): the chat can run. */
  configured: boolean;
  provider: 'openai' | 'vscode-lm';
  baseUrl: string;
  model: string;
  hasApiKey: boolean;
}

/** What is waiting for the user on a tool call: a proposed edit (shown as a diff), an approval, or a question (ask_user). */
export interface PendingDecision {
  toolCallId: string;
  kind: 'edit' | 'execute' | 'read' | 'question';
  /** For a question, the question itself. */
  title: string;
  detail?: string;
  /** Allow rules that would let this command run without asking: the card offers "Always allow". */
  allowRules?: string[];
  /** A question's suggested answers. */
  options?: string[];
  /** An edit's lines added and removed. */
  lines?: LineCounts;
  /** Why an edit asks even with edits auto-approved: its path decides what runs later. */
  protectedWhy?: string;
  /** Ways to approve it, each a button (a command with staged changes pending: keep them and run, or run without them). */
  choices?: Array<{ id: string; label: string }>;
  /** An edit that creates its file: shown on its own, not as a diff. */
  newFile?: boolean;
  /** What the refusing button says, when not Reject (Deny, Don't trust). */
  rejectLabel?: string;
  /** The card's tool name when the decision is not a tool call's (the MCP servers' trust). */
  toolName?: string;
}

/** An MCP server as the server list shows it. */
export interface McpServerView {
  name: string;
  /** `untrusted`: a workspace's server the user has not trusted (or an untrusted workspace's). */
  state: 'untrusted' | 'stopped' | 'starting' | 'running' | 'failed' | 'disabled';
  /** The command line, or the address. */
  target: string;
  origin: 'user' | 'workspace';
  tools: number;
  error?: string;
}

/**
 * The messages that make up a chat's transcript. The host keeps them (text deltas merged) so a
 * reloaded webview can rebuild the chat from a snapshot; the webview folds them into its state.
 */
export type TranscriptMessage =
  /** `messageIndex`: where the message is in the conversation, for "Undo since this message". */
  | { type: 'user'; id: string; text: string; attachments: string[]; messageIndex?: number; images?: string[] }
  | { type: 'agent'; event: AgentEvent }
  | { type: 'pending'; decision: PendingDecision }
  | { type: 'decided'; toolCallId: string; accepted: boolean; note?: string }
  /** What the turn that just ended used, shown under its reply. */
  | { type: 'turnUsage'; usage: UsageTotals }
  /** A line from Ouro itself in the chat (e.g. that there was nothing to compact). */
  | { type: 'notice'; text: string; action?: NoticeAction }
  /** What a chat started with: project rules (AGENTS.md, .ouro/rules/), skills, and what could not be used. */
  | { type: 'projectContext'; rules: Array<{ path: string; truncated: boolean }>; skills: string[]; problems: string[] }
  /** A Try N ways run, replaced in place as it goes on (same `card.id`). */
  | { type: 'tryCard'; card: TryCardView };

/** A button under a notice: send the message that was held back for its images, without them. */
export type NoticeAction = 'sendWithoutImages';

/** The latest Test connection: running, or its result (without the model list). */
export interface ConnectionView {
  baseUrl: string;
  model: string;
  running: boolean;
  report?: Omit<ConnectionReport, 'models'>;
  /** What changed in the settings because of it. */
  note?: string;
}

/** A saved conversation as the history list shows it. */
export interface HistoryEntry {
  id: string;
  title: string;
  /** ISO 8601. */
  updatedAt: string;
  model?: string;
  messageCount: number;
  /** The conversation the chat shows. */
  current: boolean;
  /** Where the searched words occur in its messages. */
  matches: string[];
}

/** The numbers behind the conversation's usage line and the context meter. */
export interface MeterView {
  /** Every request of the conversation, summaries included. */
  usage: UsageTotals;
  /** The next request, part by part, against the model's window; absent before there is one. */
  context?: ContextBreakdown & { window: number };
  /** What the server reported for the latest request. */
  lastRequest?: Usage;
  /** Tokens the attachments and mentions waiting for the next message add to it (not in `context.total`). */
  attached?: number;
}

/** A file the agent created or edited in the conversation. */
export interface ChangedFileView {
  path: string;
  /** It did not exist before: reverting deletes it. */
  created: boolean;
}

/** A command the `/` picker offers: a built-in one or a prompt file. */
export interface SlashCommandView {
  name: string;
  description?: string;
  kind: 'builtIn' | 'prompt' | 'mcp';
  /** Picking it leaves `/name ` in the input for the words that go with it, rather than running it. */
  takesArguments?: boolean;
  /** A prompt file's path: ".ouro/commands/fix.md"; an MCP prompt's server: 'MCP server "docs"'. */
  source?: string;
}

/** A worktree session as the chat view's session list shows it; the words are the Sessions view's. */
export interface SessionRowView {
  branch: string;
  title: string;
  state: 'running' | 'waiting' | 'done' | 'failed' | 'stopped' | 'interrupted';
  /** "running · 3m 05s · 2 files". */
  description: string;
  tooltip: string;
}

export interface HostState {
  busy: boolean;
  setup: SetupState;
  connection?: ConnectionView;
  attachments: AttachmentView[];
  /** The conversation's mode. */
  mode: ModeId;
  /** The custom modes (.ouro/modes/), after the built-in ones in the switcher. */
  customModes?: CustomModeView[];
  /** Messages sent while Ouro works, waiting for its next step, in order. */
  queued?: QueuedMessage[];
}

export interface CustomModeView {
  id: string;
  name: string;
  description?: string;
}

export type HostMessage =
  | TranscriptMessage
  | ({ type: 'state' } & HostState)
  /** Replace everything: after `ready` and on New Chat. */
  | { type: 'snapshot'; transcript: TranscriptMessage[]; state: HostState }
  | { type: 'focusInput' }
  /** Show the history list (opening it if closed), filtered by `query`. */
  | { type: 'history'; query: string; entries: HistoryEntry[] }
  /** After each step, a compaction and when a chat loads. */
  | ({ type: 'meter' } & MeterView)
  /** The files the agent changed in the conversation, after each step and each restore. */
  | { type: 'changedFiles'; files: ChangedFileView[] }
  /** The MCP servers and how each is doing, whenever that changes. */
  | { type: 'mcpServers'; servers: McpServerView[] }
  /** The `/` picker's list, and the prompt files that cannot be used (with why). */
  | { type: 'slashCommands'; commands: SlashCommandView[]; problems: string[] }
  /** Queued messages that were not delivered (the user pressed Stop), back in the input to send or change. */
  | { type: 'queuedBack'; text: string }

  /** The worktree sessions, whenever one changes (and every few seconds while one runs). */
  | { type: 'sessions'; rows: SessionRowView[] }
  /** The worktree session the chat view now shows: its conversation so far, then its `sessionMessage`s as they come. */
  | { type: 'sessionView'; branch: string; transcript: TranscriptMessage[] }
  | { type: 'sessionMessage'; branch: string; message: TranscriptMessage }
  /** The @ picker's list. */
  | { type: 'mentionCandidates'; candidates: MentionCandidateView[] }
  /** The symbols matching the @ picker's query. */
  | { type: 'mentionSymbols'; query: string; symbols: MentionCandidateView[] }
  /** Whether Try N ways can run here; `reason` in a few words when it cannot (not a git repository), `detail` in full. */
  | { type: 'tryAvailability'; reason?: string; detail?: string };

export type HostMessageType = HostMessage['type'];

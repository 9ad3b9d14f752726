// The tool contract: one module per tool, each exporting a value made with `defineTool`.
import * as z from 'zod';
import type { Workspace } from '../workspace/workspace';
import type { AgentEvent } from '../events';
import type { CommandRunner } from '../commands/commandRunner';
import type { DiagnosticsSource } from '../diagnostics';
import type { StagedChanges } from './runApproval';

/** `chat`: touches nothing but the conversation (plan, ask_user), so nothing to approve. */
export type ToolKind = 'read' | 'edit' | 'execute' | 'chat';

/** What runs without asking: nothing, file edits, or edits and commands too. */
export type ApprovalPolicy = 'none' | 'edits' | 'all';

export interface ApprovalRequest {
  kind: 'edit' | 'execute';
  title: string;
  detail?: string;
  /** The command line it would run, so a host can offer an allow rule for it. */
  command?: string;
  /** A fetch from the web (the CLI's --allow-domain covers it), not a command. */
  web?: boolean;
  /** Ways to approve, besides refusing (staged changes before a command: keep them and run, or run without them). */
  choices?: ApprovalChoice[];
  /** An MCP server's tool: a host may offer to always allow the tool or its server, or allow it when it only reads. */
  mcp?: { server: string; tool: string; readOnly: boolean };
}

export interface ApprovalChoice {
  id: string;
  label: string;
}

export interface ApprovalDecision {
  approved: boolean;
  reason?: string;
  /** Which of the request's choices approved it; absent: the first. */
  choice?: string;
}

/** Decides on actions that are not file writes (commands, self-made tools). */
export interface Approver {
  approve(request: ApprovalRequest, signal: AbortSignal): Promise<ApprovalDecision>;
}

export interface UserQuestion {
  question: string;
  /** Suggested answers; the user may still answer in their own words. */
  options?: string[];
}

export type UserAnswer = { answered: true; text: string } | { answered: false; reason: string };

/** Puts a question to the person at the keyboard (the chat view, a terminal) and waits for the answer. */
export interface UserAsker {
  ask(question: UserQuestion, toolCallId: string, signal: AbortSignal): Promise<UserAnswer>;
}

export interface ToolContext {
  workspace: Workspace;
  approver: Approver;
  signal: AbortSignal;
  toolCallId: string;
  /** Report progress into the event stream (approval requests, for example). */
  emit(event: AgentEvent): void;
  /** Runs shell commands (a child process in the CLI, the "Ouro" terminal in VS Code); absent where none may run. */
  commands?: CommandRunner;
  /** The editor's problems (errors, warnings); absent in the CLI, which has no language servers. */
  diagnostics?: DiagnosticsSource;
  /** Asks the user (ask_user); absent where nobody can answer. */
  asker?: UserAsker;
  /** The agent's staged changes, when the person reviews them at the end; runs settle them first. */
  staged?: StagedChanges;
}

export interface ToolResult {
  content: string;
  isError?: boolean;
}

export interface Tool<Args = unknown> {
  name: string;
  /** Short: every token is paid on every request. */
  description: string;
  schema: z.ZodType<Args>;
  kind: ToolKind;
  run(args: Args, ctx: ToolContext): Promise<ToolResult>;
}

export function defineTool<S extends z.ZodType>(tool: {
  name: string;
  description: string;
  schema: S;
  kind: ToolKind;
  run(args: z.infer<S>, ctx: ToolContext): Promise<ToolResult>;
}): Tool<z.infer<S>> {
  return tool as Tool<z.infer<S>>;
}

// Runs the hooks configured for an event and folds their verdicts into one. Every hook of an
// event runs (in order, each with the event's JSON on stdin); the strictest word wins: deny over
// ask over allow for a tool call, any block for the rest. A workspace's hooks can make Ouro more
// careful, never less: only the user's own hooks may let a call run without asking.
import * as path from 'node:path';
import type { CommandRunner, CommandRunResult } from '../commands/commandRunner';
import type { ResolvedPath } from '../workspace/workspace';
import type { Hook, HookEvent } from './hookConfig';
import { verdictOf, type HookVerdict } from './hookResult';

/** Claude Code's names for Ouro's tools, so that its matchers (`Bash`, `Edit|Write`) carry over. */
const CLAUDE_NAMES: Record<string, string> = {
  run_command: 'Bash',
  edit_file: 'Edit',
  write_file: 'Write',
  read_file: 'Read',
  search_files: 'Grep',
  list_files: 'Glob',
  fetch_url: 'WebFetch',
  web_search: 'WebSearch',
};

/** Runs one hook's command with its input on stdin; the CLI and the editor pass the sandboxed runner's. */
export type HookCommandRunner = (hook: Hook, input: string, signal: AbortSignal) => Promise<CommandRunResult>;

export interface FoldedVerdict {
  decision?: 'allow' | 'deny' | 'ask' | 'block';
  /** The reasons and added context of every hook that said something for the model, in order. */
  forModel: string[];
  /** `continue: false` from any hook: end the turn, saying this. */
  stop?: string;
  /** For the person: hooks' messages and failures. */
  notices: string[];
}

const STRICTNESS = { allow: 1, ask: 2, block: 3, deny: 3 } as const;

export class Hooks {
  constructor(
    private readonly hooks: readonly Hook[],
    private readonly runCommand: HookCommandRunner,
    private readonly sessionId: string,
    private readonly cwd: string,
  ) {}

  has(event: HookEvent): boolean {
    return this.hooks.some((hook) => hook.event === event);
  }

  /** Before a tool runs: may allow it (user hooks only), deny it with a reason the model reads, or make it ask. */
  preToolUse(tool: string, input: Record<string, unknown>, signal: AbortSignal): Promise<FoldedVerdict> {
    return this.fire('PreToolUse', tool, toolFields(tool, input), signal);
  }

  /** After a tool ran: feedback for the model, read with the result. */
  postToolUse(tool: string, input: Record<string, unknown>, response: { content: string; isError: boolean }, signal: AbortSignal): Promise<FoldedVerdict> {
    return this.fire('PostToolUse', tool, { ...toolFields(tool, input), tool_response: response, toolResult: { resultType: response.isError ? 'failure' : 'success', textResultForLlm: response.content } }, signal);
  }

  /** Before a prompt goes to the model: may block it, or add context. */
  userPromptSubmit(prompt: string, signal: AbortSignal): Promise<FoldedVerdict> {
    return this.fire('UserPromptSubmit', undefined, { prompt }, signal);
  }

  /** When the model is done: a block's reason is why it should go on. `active`: it already went on once for a Stop hook. */
  stop(active: boolean, signal: AbortSignal): Promise<FoldedVerdict> {
    return this.fire('Stop', undefined, { stop_hook_active: active }, signal);
  }

  /** Before the history is compacted. */
  preCompact(trigger: 'auto' | 'manual', signal: AbortSignal): Promise<FoldedVerdict> {
    return this.fire('PreCompact', trigger, { trigger }, signal);
  }

  private async fire(event: HookEvent, subject: string | undefined, fields: Record<string, unknown>, signal: AbortSignal): Promise<FoldedVerdict> {
    const folded: FoldedVerdict = { forModel: [], notices: [] };
    const chosen = this.hooks.filter((hook) => hook.event === event && matches(hook, subject));
    if (chosen.length === 0) return folded;
    const input = JSON.stringify({ session_id: this.sessionId, cwd: this.cwd, hook_event_name: event, timestamp: Date.now(), ...fields });
    for (const hook of chosen) {
      const label = `The ${event} hook \`${hook.command}\` (${hook.source})`;
      const verdict = verdictOf(await this.runCommand(hook, input, signal), label);
      fold(folded, verdict, hook, label);
    }
    return folded;
  }
}

/** A tool call as Claude Code's hooks read it (`tool_name`, `tool_input`) and as Copilot's do (`toolName`, `toolArgs`, a JSON text). */
function toolFields(tool: string, input: Record<string, unknown>): Record<string, unknown> {
  return { tool_name: tool, tool_input: input, toolName: tool, toolArgs: JSON.stringify(input) };
}

function matches(hook: Hook, subject: string | undefined): boolean {
  if (!hook.matcher || subject === undefined) return true;
  const alias = CLAUDE_NAMES[subject];
  return hook.matcher.test(subject) || (alias !== undefined && hook.matcher.test(alias));
}

function fold(into: FoldedVerdict, verdict: HookVerdict, hook: Hook, label: string): void {
  if (verdict.failure) {
    into.notices.push(verdict.failure);
    return;
  }
  if (verdict.message) into.notices.push(verdict.message);
  let decision = verdict.decision;
  if (decision === 'allow' && hook.origin === 'workspace') {
    into.notices.push(`${label} said allow; a workspace's hooks cannot let a call run without asking, so the usual rules apply.`);
    decision = undefined;
  }
  if (decision && (!into.decision || STRICTNESS[decision] > STRICTNESS[into.decision])) into.decision = decision;
  if (verdict.reason) into.forModel.push(verdict.reason);
  if (verdict.context) into.forModel.push(verdict.context);
  if (verdict.stop && into.stop === undefined) into.stop = verdict.stop;
}

/** The input a tool's hooks see: its arguments, and `file_path` (absolute) where it names a file, as Claude Code's hooks expect. */
export function hookToolInput(args: Record<string, unknown>, file?: ResolvedPath): Record<string, unknown> {
  return file ? { ...args, file_path: path.join(file.root, file.relative) } : args;
}

/** Runs hooks through a command runner (the sandboxed one where there is a sandbox), in the workspace folder. */
export function hookRunnerOn(commands: CommandRunner | undefined, folder: ResolvedPath): HookCommandRunner {
  const root = path.join(folder.root, folder.relative);
  return async (hook, input, signal) => {
    if (!commands?.runProgram) return { exitCode: null, output: 'no commands can run here', timedOut: false, cancelled: false, durationMs: 0 };
    const env = { OURO_PROJECT_DIR: root, CLAUDE_PROJECT_DIR: root };
    return commands.runProgram(['/bin/sh', '-c', hook.command], folder, { signal, stdin: input, timeoutMs: hook.timeoutMs, env });
  };
}

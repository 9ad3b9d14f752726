// Hooks as people already write them for Claude Code: a JSON file whose `hooks` object maps an
// event to groups, each with an optional tool-name `matcher` and the commands to run. Ouro reads
// `.ouro/hooks.json` and the `hooks` of `.claude/settings.json`, in a workspace and in the user's
// home, and GitHub Copilot's `.github/hooks/*.json` (see copilotHooks). Pure: the files' texts come
// in, the hooks and what was wrong with them go out.
//
//   { "hooks": { "PostToolUse": [ { "matcher": "edit_file|write_file",
//       "hooks": [ { "type": "command", "command": "npx prettier --write \"$(jq -r .tool_input.file_path)\"", "timeout": 30 } ] } ] } }

import { isCopilotHookFile, parseCopilotHooks } from './copilotHooks';
import { isObject } from './isObject';

export const HOOK_EVENTS = ['PreToolUse', 'PostToolUse', 'UserPromptSubmit', 'Stop', 'PreCompact'] as const;
export type HookEvent = (typeof HOOK_EVENTS)[number];

/** Where a hook came from: the user's own files may let a call run without asking; a workspace's may not. */
export type HookOrigin = 'user' | 'workspace';

export interface Hook {
  event: HookEvent;
  /** Matches tool names (Ouro's or Claude Code's for the same tool); undefined matches every tool. */
  matcher?: RegExp;
  command: string;
  timeoutMs: number;
  origin: HookOrigin;
  /** The file it came from, for messages. */
  source: string;
}

export const DEFAULT_HOOK_TIMEOUT_MS = 60_000;

export interface ParsedHooks {
  hooks: Hook[];
  problems: string[];
}

/** The hooks in one file's text; a file without a `hooks` object has none (a settings file may hold other things). */
export function parseHookFile(text: string, source: string, origin: HookOrigin): ParsedHooks {
  const problems: string[] = [];
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { hooks: [], problems: [`${source}: not valid JSON (${(err as Error).message})`] };
  }
  if (isCopilotHookFile(json)) return parseCopilotHooks(json as Record<string, unknown>, source, origin);
  const table = isObject(json) ? json.hooks : undefined;
  if (table === undefined) return { hooks: [], problems };
  if (!isObject(table)) return { hooks: [], problems: [`${source}: "hooks" must be an object of events`] };
  const hooks: Hook[] = [];
  for (const [event, groups] of Object.entries(table)) {
    if (!(HOOK_EVENTS as readonly string[]).includes(event)) {
      problems.push(`${source}: unknown hook event "${event}" (known: ${HOOK_EVENTS.join(', ')})`);
      continue;
    }
    if (!Array.isArray(groups)) {
      problems.push(`${source}: ${event} must be a list of { matcher, hooks }`);
      continue;
    }
    for (const [index, group] of groups.entries()) {
      const where = `${source}: ${event}[${index}]`;
      if (!isObject(group) || !Array.isArray(group.hooks)) {
        problems.push(`${where} must be { "matcher": "...", "hooks": [ ... ] }`);
        continue;
      }
      const matcher = matcherOf(group.matcher, where, problems);
      if (matcher === null) continue;
      for (const entry of group.hooks) {
        const hook = hookOf(entry, where, problems);
        if (hook) hooks.push({ event: event as HookEvent, ...(matcher ? { matcher } : {}), ...hook, origin, source });
      }
    }
  }
  return { hooks, problems };
}

/** undefined: every tool; null: a matcher that is not a valid pattern (reported). */
function matcherOf(value: unknown, where: string, problems: string[]): RegExp | undefined | null {
  if (value === undefined || value === '' || value === '*') return undefined;
  if (typeof value !== 'string') {
    problems.push(`${where}: "matcher" must be a string`);
    return null;
  }
  try {
    return new RegExp(`^(?:${value})$`);
  } catch (err) {
    problems.push(`${where}: "matcher" is not a valid pattern (${(err as Error).message})`);
    return null;
  }
}

function hookOf(entry: unknown, where: string, problems: string[]): { command: string; timeoutMs: number } | undefined {
  if (!isObject(entry) || entry.type !== 'command' || typeof entry.command !== 'string' || entry.command.trim() === '') {
    problems.push(`${where}: each hook must be { "type": "command", "command": "..." }`);
    return undefined;
  }
  const timeout = entry.timeout;
  if (timeout !== undefined && (typeof timeout !== 'number' || !(timeout > 0))) {
    problems.push(`${where}: "timeout" must be a number of seconds`);
    return undefined;
  }
  return { command: entry.command, timeoutMs: typeof timeout === 'number' ? timeout * 1000 : DEFAULT_HOOK_TIMEOUT_MS };
}

// GitHub Copilot's hook files (`.github/hooks/*.json`, version 1): camel-cased events, the
// command under `bash`, `timeoutSec` (default 30), no matcher. Read into the same hooks where the
// events match Ouro's; Copilot's own events that Ouro has no moment for are named and left out.
import type { Hook, HookEvent, HookOrigin, ParsedHooks } from './hookConfig';
import { isObject } from './isObject';

const EVENTS: Record<string, HookEvent> = { preToolUse: 'PreToolUse', postToolUse: 'PostToolUse', userPromptSubmitted: 'UserPromptSubmit' };
const DEFAULT_TIMEOUT_MS = 30_000;

/** Whether a parsed file is in Copilot's format (version 1 with camel-cased events). */
export function isCopilotHookFile(json: unknown): boolean {
  return isObject(json) && json.version === 1 && isObject(json.hooks);
}

export function parseCopilotHooks(json: Record<string, unknown>, source: string, origin: HookOrigin): ParsedHooks {
  const hooks: Hook[] = [];
  const problems: string[] = [];
  for (const [name, entries] of Object.entries(json.hooks as Record<string, unknown>)) {
    const event = EVENTS[name];
    if (!event) {
      problems.push(`${source}: Ouro has no "${name}" moment; its hooks there do not run (it runs ${Object.keys(EVENTS).join(', ')})`);
      continue;
    }
    if (!Array.isArray(entries)) {
      problems.push(`${source}: ${name} must be a list of hooks`);
      continue;
    }
    for (const [index, entry] of entries.entries()) {
      const timeout = isObject(entry) ? entry.timeoutSec : undefined;
      if (!isObject(entry) || entry.type !== 'command' || typeof entry.bash !== 'string' || !entry.bash.trim() || (timeout !== undefined && !(typeof timeout === 'number' && timeout > 0))) {
        problems.push(`${source}: ${name}[${index}] must be { "type": "command", "bash": "...", "timeoutSec": seconds }`);
        continue;
      }
      hooks.push({ event, command: entry.bash, timeoutMs: typeof timeout === 'number' ? timeout * 1000 : DEFAULT_TIMEOUT_MS, origin, source });
    }
  }
  return { hooks, problems };
}

// The loop's events as the Agent Client Protocol's `session/update` payloads: text and thinking
// as message chunks, each tool call as a `tool_call` then a `tool_call_update` with its result,
// and the plan tool's checklist as a `plan` (instead of a tool call). Pure, but for what a later
// event needs of an earlier one (a plan call's arguments).
import { resolve } from 'node:path';
import type { PlanEntry, SessionUpdate, ToolCallLocation, ToolKind } from '@agentclientprotocol/sdk';
import type { AgentEvent } from '../../agent/events';
import { PLAN_TOOL, planFromArguments, type PlanItem } from '../../agent/plan/planChecklist';
import { withoutErrorMarker } from '../../agent/toolErrorMarker';
import { summariseArguments } from '../render';

// Tools not named here (MCP tools, self-made ones) are "other": the editor shows a generic icon.
const KINDS: Record<string, ToolKind> = {
  read_file: 'read',
  get_diagnostics: 'read',
  use_skill: 'read',
  list_files: 'search',
  search_files: 'search',
  write_file: 'edit',
  edit_file: 'edit',
  remember: 'edit',
  run_command: 'execute',
  fetch_url: 'fetch',
  web_search: 'fetch',
  ask_user: 'think',
};

export function toolKindOf(name: string): ToolKind {
  return KINDS[name] ?? 'other';
}

/** What the editor shows for a call: its name and its main argument, e.g. `read_file src/a.ts`. */
export function toolTitle(name: string, argumentsJson: string): string {
  const summary = summariseArguments(argumentsJson);
  return summary === '{}' ? name : `${name} ${summary}`;
}

/** The file a call names (`path`, with `start_line`), as an absolute path the editor can follow. */
export function locationsOf(argumentsJson: string, cwd: string): ToolCallLocation[] {
  const args = parsed(argumentsJson);
  if (typeof args?.path !== 'string' || args.path === '') return [];
  const line = typeof args.start_line === 'number' ? { line: args.start_line } : {};
  return [{ path: resolve(cwd, args.path), ...line }];
}

export function planEntries(items: readonly PlanItem[]): PlanEntry[] {
  return items.map((item) => ({
    content: item.status === 'skipped' ? `${item.text} (skipped)` : item.text,
    priority: 'medium',
    status: item.status === 'done' || item.status === 'skipped' ? 'completed' : item.status,
  }));
}

/** A mapper for one turn: each event gives the updates to send for it, in order (often none). */
export function createUpdateMapper(cwd: string): (event: AgentEvent) => SessionUpdate[] {
  const planCalls = new Map<string, string>();
  return (event) => {
    switch (event.type) {
      case 'text':
        return [{ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: event.delta } }];
      case 'reasoning':
        return [{ sessionUpdate: 'agent_thought_chunk', content: { type: 'text', text: event.delta } }];
      case 'tool_call': {
        const { id, name, arguments: args } = event.call;
        if (name === PLAN_TOOL) {
          planCalls.set(id, args);
          return [];
        }
        return [
          {
            sessionUpdate: 'tool_call',
            toolCallId: id,
            title: toolTitle(name, args),
            kind: toolKindOf(name),
            status: 'in_progress',
            locations: locationsOf(args, cwd),
            rawInput: parsed(args) ?? args,
          },
        ];
      }
      case 'tool_result': {
        if (planCalls.has(event.id)) {
          const plan = event.isError ? undefined : planFromArguments(planCalls.get(event.id) ?? '');
          return plan ? [{ sessionUpdate: 'plan', entries: planEntries(plan) }] : [];
        }
        const text = withoutErrorMarker(event.content);
        return [
          {
            sessionUpdate: 'tool_call_update',
            toolCallId: event.id,
            status: event.isError ? 'failed' : 'completed',
            content: [{ type: 'content', content: { type: 'text', text } }],
          },
        ];
      }
      case 'done':
        // A turn that ended on its own with something to say (an empty reply, a cut-off one).
        return event.reason === 'stop' && event.message ? [{ sessionUpdate: 'agent_message_chunk', content: { type: 'text', text: `\n\n${event.message}` } }] : [];
      case 'step':
      case 'approval_request':
      case 'approval_result':
      case 'usage':
      case 'retry':
      case 'compacted':
      case 'reminder':
      case 'steer':
      case 'hook':
      case 'error':
        return [];
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  };
}

function parsed(argumentsJson: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(argumentsJson);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

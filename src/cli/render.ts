// Turns agent events into what the CLI prints: streamed text and one line per tool call for
// people, or one JSON object per line with --json.
import type { AgentEvent } from '../agent/events';
import { withoutErrorMarker } from '../agent/toolErrorMarker';
import { PLAN_TOOL, planFromArguments, planProgress, type PlanItem, type PlanStatus } from '../agent/plan/planChecklist';

export interface Output {
  write(text: string): void;
}

/** Compact, single-line view of a tool call's arguments, e.g. `src/math.js` or `{"pattern":"x"}`. */
export function summariseArguments(raw: string, max = 80): string {
  let text = raw;
  try {
    const args = JSON.parse(raw) as Record<string, unknown>;
    const path = typeof args?.path === 'string' ? args.path : undefined;
    const command = typeof args?.command === 'string' ? args.command : undefined;
    const question = typeof args?.question === 'string' ? args.question : undefined;
    text = command ?? path ?? question ?? JSON.stringify(args);
  } catch {
    // Malformed arguments are shown as they came; the loop reports the error to the model.
  }
  text = text.replace(/\s+/g, ' ');
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

const planMarks: Record<PlanStatus, string> = { pending: '·', in_progress: '▸', done: '✓', skipped: '–' };

/** "plan 1/3" and one line per item, marked by its status. */
export function formatPlan(items: readonly PlanItem[]): string {
  return `plan ${planProgress(items)}\n${items.map((item) => `  ${planMarks[item.status]} ${item.text}${item.status === 'skipped' ? ' (skipped)' : ''}\n`).join('')}`;
}

export function createHumanRenderer(out: Output, err: Output): (event: AgentEvent) => void {
  let midLine = false;
  const names = new Map<string, string>();
  const plans = new Map<string, string>();
  let shownPlan = '';
  const endLine = () => {
    if (midLine) out.write('\n');
    midLine = false;
  };
  return (event) => {
    switch (event.type) {
      case 'text':
        out.write(event.delta);
        midLine = !event.delta.endsWith('\n');
        return;
      case 'tool_call':
        endLine();
        names.set(event.call.id, `${event.call.name} ${summariseArguments(event.call.arguments)}`);
        if (event.call.name === PLAN_TOOL) plans.set(event.call.id, event.call.arguments);
        return;
      case 'tool_result': {
        // A plan prints when it changes, instead of its tool line.
        const plan = !event.isError && event.name === PLAN_TOOL ? planFromArguments(plans.get(event.id) ?? '') : undefined;
        if (plan) {
          const text = formatPlan(plan);
          if (text !== shownPlan) out.write(text);
          shownPlan = text;
          return;
        }
        const label = names.get(event.id) ?? event.name;
        const firstLine = withoutErrorMarker(event.content).split('\n', 1)[0].slice(0, 120);
        out.write(event.isError ? `✗ ${label} — ${firstLine}\n` : `✓ ${label}\n`);
        return;
      }
      case 'approval_request':
        endLine();
        err.write(`? ${event.title}${event.detail ? ` — ${event.detail}` : ''}\n`);
        return;
      case 'retry':
        err.write(`retrying in ${Math.round(event.delayMs / 100) / 10}s (attempt ${event.attempt}): ${event.message}\n`);
        return;
      case 'compacted':
        endLine();
        err.write(`context compacted (${event.compaction.kind}): ${event.compaction.tokensBefore} → ${event.compaction.tokensAfter} of ${event.compaction.window} tokens\n`);
        return;
      case 'reminder':
        endLine();
        err.write(`reminded: ${event.text}\n`);
        return;
      case 'steer':
        endLine();
        err.write(`you (while it worked): ${event.text}\n`);
        return;
      case 'hook':
        endLine();
        err.write(`hook: ${event.text}\n`);
        return;
      case 'done':
        endLine();
        // A turn that ended on its own with something to say (the loop guard, an empty reply, a cut-off one).
        if (event.reason === 'stop' && event.message) err.write(`${event.message}\n`);
        return;
      case 'step':
      case 'reasoning':
      case 'approval_result':
      case 'usage':
      case 'error':
        return;
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  };
}

export function createJsonRenderer(out: Output): (event: AgentEvent) => void {
  return (event) => out.write(`${JSON.stringify(event)}\n`);
}

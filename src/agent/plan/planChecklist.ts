// A plan as the plan tool keeps it: a checklist the model replaces whole on every call. Plain
// data and pure functions, free of zod, so the chat view can read plans from its transcript.
import type { Message } from '../conversation';

export const PLAN_TOOL = 'plan';
export const PLAN_STATUSES = ['pending', 'in_progress', 'done', 'skipped'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export interface PlanItem {
  text: string;
  status: PlanStatus;
}

export function isOpen(item: PlanItem): boolean {
  return item.status === 'pending' || item.status === 'in_progress';
}

/** "3/5": items closed (done or skipped) of all. */
export function planProgress(items: readonly PlanItem[]): string {
  return `${items.filter((item) => !isOpen(item)).length}/${items.length}`;
}

/** The items of a plan call's arguments, or undefined when they are not a plan (the tool rejects those). */
export function planFromArguments(argumentsJson: string): PlanItem[] | undefined {
  let args: unknown;
  try {
    args = JSON.parse(argumentsJson);
  } catch {
    return undefined;
  }
  const items = (args as { items?: unknown } | null)?.items;
  if (!Array.isArray(items) || items.length === 0) return undefined;
  const plan: PlanItem[] = [];
  for (const item of items as Array<Partial<PlanItem> | null>) {
    if (typeof item?.text !== 'string' || !PLAN_STATUSES.includes(item.status as PlanStatus)) return undefined;
    plan.push({ text: item.text, status: item.status as PlanStatus });
  }
  return plan;
}

/** The plan in force: that of the last plan call the tool accepted (its result is not an error). */
export function latestPlan(messages: readonly Message[]): PlanItem[] | undefined {
  const failed = new Set<string>();
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i];
    if (message.role === 'tool' && message.name === PLAN_TOOL && message.isError) failed.add(message.toolCallId);
    if (message.role !== 'assistant' || !message.toolCalls) continue;
    for (const call of [...message.toolCalls].reverse()) {
      if (call.name !== PLAN_TOOL || failed.has(call.id)) continue;
      const plan = planFromArguments(call.arguments);
      if (plan) return plan;
    }
  }
  return undefined;
}

/**
 * What to tell a model that ended its turn while items of its plan are open and its last words
 * mention neither the plan nor any of them; undefined when there is nothing to say.
 */
export function openItemsReminder(messages: readonly Message[], lastText: string): string | undefined {
  const open = (latestPlan(messages) ?? []).filter(isOpen);
  if (open.length === 0) return undefined;
  const said = lastText.toLowerCase();
  if (/\bplan\b/.test(said) || open.some((item) => mentions(said, item.text))) return undefined;
  const count = open.length === 1 ? '1 plan item is' : `${open.length} plan items are`;
  return `${count} still open: ${open.map((item) => item.text).join('; ')}. Finish them, mark them done or skipped with plan, or say why you stopped.`;
}

/** Whether `said` names the item: every word of four letters or more in it ("tests" for "Run the tests"). */
function mentions(said: string, item: string): boolean {
  const words = item.toLowerCase().match(/[\p{L}\p{N}_]{4,}/gu) ?? [item.toLowerCase()];
  return words.every((word) => said.includes(word));
}

// The hooks around a turn: UserPromptSubmit before the prompt reaches the model (it may add
// context, or block the prompt, which then is not sent), and Stop when the model is done (a
// block's reason sends the model on; `stop_hook_active` tells the hook it already did once), and
// PreCompact before older messages are summarised.
import type { Conversation } from '../conversation';
import type { AgentEvent } from '../events';
import type { FoldedVerdict, Hooks } from './hooks';

/** Runs the prompt's hooks; true when they ended the turn before it began. */
export async function* promptHooks(conversation: Conversation, hooks: Hooks, signal: AbortSignal): AsyncGenerator<AgentEvent, boolean> {
  const last = conversation.messages[conversation.messages.length - 1];
  if (last?.role !== 'user' || last.note) return false;
  const verdict = await hooks.userPromptSubmit(last.content, signal);
  yield* notices(verdict);
  const why = verdict.forModel.join('\n');
  if (verdict.decision === 'block' || verdict.stop) {
    // Not sent, and not kept for the next request either: the hook said no to it.
    conversation.messages.pop();
    yield { type: 'done', reason: 'stop', message: `A hook stopped this message: ${verdict.stop ?? (why || 'no reason given')}` };
    return true;
  }
  if (why) conversation.messages.push({ role: 'user', content: `From the hooks: ${why}`, note: true });
  return false;
}

/** Runs the Stop hooks; true when one asks the model to go on (its reason is then the model's next word). */
export async function* stopHooks(conversation: Conversation, hooks: Hooks, active: boolean, signal: AbortSignal): AsyncGenerator<AgentEvent, boolean> {
  const verdict = await hooks.stop(active, signal);
  yield* notices(verdict);
  if (verdict.decision !== 'block' || verdict.stop) return false;
  const why = verdict.forModel.join('\n') || 'A hook asks you not to stop yet.';
  conversation.messages.push({ role: 'user', content: `Not done yet, a hook says: ${why}`, note: true });
  yield { type: 'hook', text: `A Stop hook sent Ouro on: ${why}` };
  return true;
}

/** What runs before a summary: the PreCompact hooks, whose messages and failures are kept for the person. */
export function preCompactHooks(hooks: Hooks, signal: AbortSignal, notices: string[]): () => Promise<void> {
  return async () => {
    notices.push(...(await hooks.preCompact('auto', signal)).notices);
  };
}

async function* notices(verdict: FoldedVerdict): AsyncGenerator<AgentEvent> {
  for (const text of verdict.notices) yield { type: 'hook', text };
}

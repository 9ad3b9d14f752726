// The chat's side of Try N ways: the composer's menu asks whether it can run here and starts it
// with the typed words (mentions included as text), `/try N words` does the same, and a card's
// buttons act on its attempts. The run and its card are src/host/sessions/tryNWays.ts's.
import { MAX_ATTEMPTS, MIN_ATTEMPTS } from '../../agent/worktrees/bestOfN';
import type { HostMessage, WebviewMessage } from '../../protocol/messages';
import type { TryNWays } from '../sessions/tryNWays';

type TryMessage = Extract<WebviewMessage, { type: 'tryWays' | 'tryAvailability' | 'tryAction' }>;

export interface ChatTriesDeps {
  tries: TryNWays;
  post(message: HostMessage): void;
  /** The words with what the composer mentions and attaches, as text (the attachments are taken). */
  withMentions(text: string): Promise<string>;
  notice(text: string): void;
}

export async function handleTry(message: TryMessage, deps: ChatTriesDeps): Promise<void> {
  switch (message.type) {
    case 'tryAvailability': {
      const reason = await deps.tries.unavailable();
      return deps.post({ type: 'tryAvailability', ...(reason ? { reason: menuNote(reason), detail: reason } : {}) });
    }
    case 'tryWays': {
      const reason = await deps.tries.unavailable();
      if (reason) return deps.notice(`${reason}.`);
      await deps.tries.start(await deps.withMentions(message.text), message.attempts);
      return;
    }
    case 'tryAction':
      return deps.tries.act(message.card, message.action, message.attempt);
  }
}

/** Why the menu's worktree entries (Try, a new session in a worktree) are off, in words that fit under them (the full reason, path and all, is their tooltip). */
export function menuNote(reason: string): string {
  if (/not in a git repository/.test(reason)) return 'Worktrees need this workspace to be a git repository with a first commit.';
  if (/git is not installed/.test(reason)) return 'Worktrees need git, which is not installed here.';
  return reason;
}

/** `/try 3 fix the bug`: the number of ways and the words, or what is wrong with them. */
export function parseTry(args: string): { attempts: number; text: string } | { problem: string } {
  const match = /^(\d+)\s+([\s\S]*\S)/.exec(args.trim());
  const attempts = match ? Number(match[1]) : NaN;
  if (!match || attempts < MIN_ATTEMPTS || attempts > MAX_ATTEMPTS) return { problem: `Use /try N and what to do, N from ${MIN_ATTEMPTS} to ${MAX_ATTEMPTS}: /try 3 fix the failing test.` };
  return { attempts, text: match[2] };
}

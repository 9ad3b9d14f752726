// The chat's side of the menu beside Send: it asks whether worktrees can be made here, then runs
// the typed words (mentions included as text) N ways, or as a session in the background, in a new
// worktree or here. `/try N words` does the same as Try, and a try card's buttons act on its
// attempts. The run and its card are src/host/sessions/tryNWays.ts's.
import { MAX_ATTEMPTS, MIN_ATTEMPTS } from '../../agent/worktrees/bestOfN';
import type { HostMessage, WebviewMessage } from '../../protocol/messages';
import type { TryNWays } from '../sessions/tryNWays';

export type ComposerMenuMessage = Extract<WebviewMessage, { type: 'tryWays' | 'tryAvailability' | 'tryAction' | 'newSession' }>;

export interface ComposerMenuDeps {
  tries: TryNWays;
  /** Starts the words as a session in the background, in a new worktree or here. */
  startSession(prompt: string, where: 'worktree' | 'here'): Promise<void>;
  post(message: HostMessage): void;
  /** The words with what the composer mentions and attaches, as text (the attachments are taken). */
  withMentions(text: string): Promise<string>;
  notice(text: string): void;
}

export async function handleComposerMenu(message: ComposerMenuMessage, deps: ComposerMenuDeps): Promise<void> {
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
    case 'newSession':
      try {
        await deps.startSession(await deps.withMentions(message.text), message.where);
      } catch (error) {
        deps.notice(`The session did not start: ${error instanceof Error ? error.message : String(error)}`);
      }
      return;
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

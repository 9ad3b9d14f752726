// `ouro.worktrees.copy` as written in settings.json: a list of `{ "from": ".env.example", "to": ".env" }`
// (or a bare path, copied to the same place). An entry that is not one of these is reported, not guessed at.
import type { CopyEntry } from '../../agent/worktrees/copyFiles';

export function copyEntriesOf(value: unknown): { entries: CopyEntry[]; problems: string[] } {
  const entries: CopyEntry[] = [];
  const problems: string[] = [];
  for (const item of Array.isArray(value) ? value : []) {
    if (typeof item === 'string' && item.trim()) entries.push({ from: item.trim() });
    else if (item && typeof item === 'object' && typeof (item as CopyEntry).from === 'string' && (item as CopyEntry).from.trim()) {
      const { from, to } = item as CopyEntry;
      entries.push({ from: from.trim(), ...(typeof to === 'string' && to.trim() ? { to: to.trim() } : {}) });
    } else problems.push(`ouro.worktrees.copy: ${JSON.stringify(item)} is not { "from": PATH, "to": PATH }`);
  }
  return { entries, problems };
}

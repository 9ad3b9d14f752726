// The branch a worktree session gets: `ouro/` and a short slug of its title.

export const BRANCH_PREFIX = 'ouro/';
const MAX_SLUG = 40;

/** A few words of the title, lower case, letters and digits joined by "-"; "session" when none. */
export function slugOf(title: string): string {
  const words = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let slug = '';
  for (const word of words.slice(0, 6)) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > MAX_SLUG) break;
    slug = next;
  }
  return slug || words[0]?.slice(0, MAX_SLUG) || 'session';
}

/** `slug`, then `slug-2`, `slug-3`... */
export function numberedSlug(slug: string, n: number): string {
  return n <= 1 ? slug : `${slug}-${n}`;
}

/** A session's title from its prompt: the first line, cut to a length a list can show. */
export function titleOf(prompt: string): string {
  const line = prompt.trim().split('\n')[0].trim();
  return line.length <= 80 ? line : `${line.slice(0, 79)}…`;
}

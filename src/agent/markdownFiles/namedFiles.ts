// Markdown files that each define something named after the file (a prompt file, a mode), read
// again each time they are listed (a few small files), so an edit shows at once without a
// watcher. A file that cannot be used is a problem naming it and why; the others are listed all
// the same. Earlier sources win a name (the workspace's before the user's); a name in
// `reserved` (a built-in one) is refused, as is one taken already.
import type { MarkdownSource } from './markdownSources';

export type FileCheck<T> = { ok: true; value: T } | { ok: false; problem: string };

export interface NamedFiles<T> {
  items: T[];
  problems: string[];
}

export interface NamedFileRules<T> {
  parse(text: string, name: string, where: string): FileCheck<T>;
  /** Names the user cannot take, and what they are. */
  reserved: ReadonlySet<string>;
  reservedWhat: string;
}

export async function listNamedFiles<T>(sources: readonly MarkdownSource[], rules: NamedFileRules<T>): Promise<NamedFiles<T>> {
  const items: T[] = [];
  const problems: string[] = [];
  const taken = new Map<string, string>();
  for (const source of sources) {
    const files = await source.files().catch((err: unknown) => {
      problems.push(`${source.location} could not be listed: ${messageOf(err)}`);
      return [];
    });
    for (const file of files) {
      if (!file.endsWith(source.suffix)) continue;
      const name = file.slice(0, -source.suffix.length);
      const where = `${source.location}/${file}`;
      const text = await source.read(file).catch((err: unknown) => new Error(messageOf(err)));
      if (text === undefined) continue;
      if (text instanceof Error) {
        problems.push(`${where} could not be read: ${text.message}`);
        continue;
      }
      const check = rules.parse(text, name, where);
      if (!check.ok) problems.push(`${where}: ${check.problem}`);
      else if (rules.reserved.has(name)) problems.push(`${where}: ${name} is ${rules.reservedWhat}; rename the file`);
      else if (taken.has(name)) problems.push(`${where}: ${name} is ${taken.get(name)} already; this one is not used`);
      else {
        taken.set(name, where);
        items.push(check.value);
      }
    }
  }
  return { items, problems };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

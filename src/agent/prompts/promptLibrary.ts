// All the prompt files the user can run, read again each time they are listed (a few small
// files), so an edit shows at once without a watcher. A file that cannot be used is a problem
// naming it and why; the others are listed all the same.
import { parsePromptFile, promptName, type PromptFile } from './promptFile';
import type { PromptSource } from './promptSources';

export interface PromptList {
  prompts: PromptFile[];
  problems: string[];
}

/**
 * Earlier sources win a name (the workspace's before the user's); a name in `reserved` (the
 * built-in commands) is refused, as is one taken already.
 */
export async function listPrompts(sources: readonly PromptSource[], reserved: ReadonlySet<string> = new Set()): Promise<PromptList> {
  const prompts: PromptFile[] = [];
  const problems: string[] = [];
  const byName = new Map<string, PromptFile>();
  for (const source of sources) {
    const files = await source.files().catch((err: unknown) => {
      problems.push(`${source.location} could not be listed: ${err instanceof Error ? err.message : String(err)}`);
      return [];
    });
    for (const file of files) {
      const name = promptName(file, source.suffix);
      if (name === undefined) continue;
      const where = `${source.location}/${file}`;
      const text = await source.read(file).catch((err: unknown) => new Error(err instanceof Error ? err.message : String(err)));
      if (text === undefined) continue;
      if (text instanceof Error) {
        problems.push(`${where} could not be read: ${text.message}`);
        continue;
      }
      const check = parsePromptFile(text, name, where);
      if (!check.ok) {
        problems.push(`${where}: ${check.problem}`);
        continue;
      }
      if (reserved.has(name)) {
        problems.push(`${where}: /${name} is a built-in command; rename the file`);
        continue;
      }
      const taken = byName.get(name);
      if (taken) {
        problems.push(`${where}: /${name} is ${taken.source} already; this one is not used`);
        continue;
      }
      byName.set(name, check.prompt);
      prompts.push(check.prompt);
    }
  }
  return { prompts, problems };
}

export function findPrompt(list: PromptList, name: string): PromptFile | undefined {
  return list.prompts.find((prompt) => prompt.name === name);
}

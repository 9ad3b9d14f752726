// All the prompt files the user can run (see namedFiles.ts for how they are read and checked).
import { listNamedFiles } from '../markdownFiles/namedFiles';
import type { MarkdownSource } from '../markdownFiles/markdownSources';
import { parsePromptFile, type PromptFile } from './promptFile';

export interface PromptList {
  prompts: PromptFile[];
  problems: string[];
}

/** `reserved`: the built-in commands' names. */
export async function listPrompts(sources: readonly MarkdownSource[], reserved: ReadonlySet<string> = new Set()): Promise<PromptList> {
  const { items, problems } = await listNamedFiles(sources, {
    parse: (text, name, where) => {
      const check = parsePromptFile(text, name, where);
      return check.ok ? { ok: true, value: check.prompt } : check;
    },
    reserved,
    reservedWhat: 'a built-in command',
  });
  return { prompts: items, problems };
}

export function findPrompt(list: PromptList, name: string): PromptFile | undefined {
  return list.prompts.find((prompt) => prompt.name === name);
}

// YAML front matter: the first thing in a Markdown file, between two lines of three dashes. Skills
// must have it; prompt files may.
import { parse as parseYaml } from 'yaml';

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** `data` is undefined when the file has no front matter; `body` is what follows it, trimmed. */
export type FrontMatterSplit = { ok: true; data: unknown; body: string } | { ok: false; problem: string };

export function splitFrontMatter(text: string): FrontMatterSplit {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { ok: true, data: undefined, body: text.replace(/^\uFEFF/, '').trim() };
  try {
    return { ok: true, data: parseYaml(match[1]) ?? {}, body: text.slice(match[0].length).trim() };
  } catch (err) {
    return { ok: false, problem: `its front matter is not valid YAML: ${(err as Error).message.split('\n')[0]}` };
  }
}

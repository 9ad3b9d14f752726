// YAML front matter: the first thing in a Markdown file, between two lines of three dashes. Skills
// must have it; prompt files and modes may.
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';

const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** `data` is undefined when the file has no front matter; `body` is what follows it, trimmed. */
export type FrontMatterSplit = { ok: true; data: unknown; body: string } | { ok: false; problem: string };

export function splitFrontMatter(text: string): FrontMatterSplit {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { ok: true, data: undefined, body: text.replace(/^\uFEFF/, '').trim() };
  try {
    // The YAML 1.2 core schema: `date: 2026-01-01` stays text, as front matter means it.
    const data = match[1].trim() === '' ? {} : load(match[1], { schema: CORE_SCHEMA });
    return { ok: true, data: data ?? {}, body: text.slice(match[0].length).trim() };
  } catch (err) {
    return { ok: false, problem: `its front matter is not valid YAML: ${yamlProblem(err)}` };
  }
}

/** js-yaml's reason and where, counted from 1 as editors count. */
function yamlProblem(err: unknown): string {
  if (!(err instanceof YAMLException)) return err instanceof Error ? err.message : String(err);
  return err.mark ? `${err.reason} at line ${err.mark.line + 1}, column ${err.mark.column + 1}` : err.reason;
}

// SKILL.md, as the Agent Skills layout defines it: YAML front matter with `name` and
// `description`, then the instructions. Only the front matter goes into every prompt; the body
// is read when the agent uses the skill.
import { CORE_SCHEMA, load, YAMLException } from 'js-yaml';
import { z } from 'zod';
import { describeFileIssues } from '../schemaIssues';

export const SKILL_FILE = 'SKILL.md';

const frontMatterSchema = z.looseObject({
  name: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lowercase letters, digits and single hyphens').max(64, 'keep it to 64 characters'),
  description: z.string().trim().min(1, 'say what the skill is for and when to use it').max(1024, 'keep it under 1,024 characters: every prompt carries it'),
});

export interface SkillFile {
  name: string;
  description: string;
  /** The instructions after the front matter. */
  body: string;
}

export type SkillFileCheck = { ok: true; skill: SkillFile } | { ok: false; problem: string };

// The front matter is the first thing in the file, between two lines of three dashes.
const FRONT_MATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

/** Parses the text of `<folder>/SKILL.md`; the skill's name must be its folder's. */
export function parseSkillFile(text: string, folderName: string): SkillFileCheck {
  const match = FRONT_MATTER.exec(text);
  if (!match) return { ok: false, problem: 'it does not start with front matter (a line "---", then name: and description:, then "---")' };
  let data: unknown;
  try {
    // The YAML 1.2 core schema: `date: 2026-01-01` stays text, as front matter means it.
    data = match[1].trim() === '' ? {} : load(match[1], { schema: CORE_SCHEMA });
  } catch (err) {
    return { ok: false, problem: `its front matter is not valid YAML: ${yamlProblem(err)}` };
  }
  const parsed = frontMatterSchema.safeParse(data ?? {});
  if (!parsed.success) return { ok: false, problem: describeFileIssues(parsed.error.issues) };
  const { name, description } = parsed.data;
  if (name !== folderName) return { ok: false, problem: `name is "${name}" but the folder is "${folderName}": they must be the same` };
  return { ok: true, skill: { name, description, body: text.slice(match[0].length).trim() } };
}

/** js-yaml's reason and where, counted from 1 as editors count. */
function yamlProblem(err: unknown): string {
  if (!(err instanceof YAMLException)) return err instanceof Error ? err.message : String(err);
  return err.mark ? `${err.reason} at line ${err.mark.line + 1}, column ${err.mark.column + 1}` : err.reason;
}

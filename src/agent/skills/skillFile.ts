// SKILL.md, as the Agent Skills layout defines it: YAML front matter with `name` and
// `description`, then the instructions. Only the front matter goes into every prompt; the body
// is read when the agent uses the skill.
import * as z from 'zod';
import { splitFrontMatter } from '../frontMatter';
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

/** Parses the text of `<folder>/SKILL.md`; the skill's name must be its folder's. */
export function parseSkillFile(text: string, folderName: string): SkillFileCheck {
  const split = splitFrontMatter(text);
  if (!split.ok) return split;
  if (split.data === undefined) return { ok: false, problem: 'it does not start with front matter (a line "---", then name: and description:, then "---")' };
  const parsed = frontMatterSchema.safeParse(split.data);
  if (!parsed.success) return { ok: false, problem: describeFileIssues(parsed.error.issues) };
  const { name, description } = parsed.data;
  if (name !== folderName) return { ok: false, problem: `name is "${name}" but the folder is "${folderName}": they must be the same` };
  return { ok: true, skill: { name, description, body: split.body } };
}

// The skills an agent can use: every folder with a SKILL.md under the project's .ouro/skills
// and the user's ~/.ouro/skills. A project skill wins over a user skill of the same name. Read
// afresh on each use, so a skill the agent writes is usable at once by name.
import { parseSkillFile, SKILL_FILE } from './skillFile';
import type { SkillReader } from './skillReaders';

export interface Skill {
  name: string;
  description: string;
  /** Where it is, as the agent is told: ".ouro/skills/NAME" or "~/.ouro/skills/NAME". */
  location: string;
}

export interface LoadedSkill extends Skill {
  body: string;
  /** The skill's other files, relative to its folder. */
  files: string[];
}

export interface SkillList {
  skills: Skill[];
  /** Folders that are not usable skills, and why. */
  problems: string[];
}

export class SkillLibrary {
  /** Readers in order of precedence: the project's first, then the user's. */
  constructor(private readonly readers: readonly SkillReader[]) {}

  async list(): Promise<SkillList> {
    const skills: Skill[] = [];
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const reader of this.readers) {
      for (const folder of await reader.folders()) {
        const where = `${reader.location}/${folder}`;
        const checked = await this.read(reader, folder);
        if (!checked.ok) {
          problems.push(`${where}/${SKILL_FILE}: ${checked.problem}.`);
          continue;
        }
        if (seen.has(checked.name)) continue;
        seen.add(checked.name);
        skills.push({ name: checked.name, description: checked.description, location: where });
      }
    }
    return { skills, problems };
  }

  /** The skill named `name` with its instructions and files, or why it cannot be had. */
  async load(name: string): Promise<{ skill: LoadedSkill; reader: SkillReader } | { error: string }> {
    for (const reader of this.readers) {
      if (!(await reader.folders()).includes(name)) continue;
      const checked = await this.read(reader, name);
      if (!checked.ok) return { error: `The skill ${reader.location}/${name} cannot be used: its ${SKILL_FILE}: ${checked.problem}.` };
      const files = (await reader.files(name)).filter((file) => file !== SKILL_FILE);
      return { skill: { name, description: checked.description, body: checked.body, location: `${reader.location}/${name}`, files }, reader };
    }
    const known = (await this.list()).skills.map((skill) => skill.name);
    return { error: `There is no skill named "${name}". ${known.length > 0 ? `The skills are: ${known.join(', ')}.` : 'There are no skills.'}` };
  }

  /** A file of a skill: only one that `load` lists, so nothing around the skill's folder can be read. */
  async readFile(name: string, file: string): Promise<{ text: string } | { error: string }> {
    const loaded = await this.load(name);
    if ('error' in loaded) return loaded;
    const { skill, reader } = loaded;
    const wanted = file.replace(/^\.\//, '');
    if (!skill.files.includes(wanted)) {
      return { error: `${skill.location} has no file "${file}". Its files: ${skill.files.join(', ') || `none besides ${SKILL_FILE}`}.` };
    }
    const text = await reader.readText(name, wanted);
    return text === undefined ? { error: `${skill.location}/${wanted} is gone.` } : { text };
  }

  private async read(reader: SkillReader, folder: string) {
    try {
      const text = await reader.readText(folder, SKILL_FILE);
      if (text === undefined) return { ok: false as const, problem: 'there is none, so the folder is not a skill' };
      const parsed = parseSkillFile(text, folder);
      return parsed.ok ? { ok: true as const, ...parsed.skill } : parsed;
    } catch (err) {
      return { ok: false as const, problem: err instanceof Error ? err.message : String(err) };
    }
  }
}

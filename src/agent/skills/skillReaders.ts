// Where skills are read from. Project skills come through the Workspace port (ignore rules and
// path safety apply); the user's own skills in ~/.ouro/skills are read from disk by a reader that
// can see nothing else of the home folder.
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadTextFile } from '../tools/textFile';
import { foldersIn, inEachFolder } from '../workspace/folderPaths';
import type { Workspace } from '../workspace/workspace';

export const SKILLS_FOLDER = '.ouro/skills';
/** A skill's files beyond this are not listed (a skill is a few instructions and scripts). */
export const MAX_SKILL_FILES = 200;
/** Larger files are not read into the conversation. */
export const MAX_SKILL_FILE_BYTES = 256 * 1024;

export interface SkillReader {
  /** Where the skills are, as the agent is told: ".ouro/skills", "~/.ouro/skills". */
  readonly location: string;
  /** The folders directly inside, sorted: one per skill. */
  folders(): Promise<string[]>;
  /** The text of `file` inside skill folder `folder`; undefined when it is not there. Throws with a message for the model when it cannot be read. */
  readText(folder: string, file: string): Promise<string | undefined>;
  /** The files inside a skill folder, relative to it, sorted. */
  files(folder: string): Promise<string[]>;
}

/** One reader per workspace folder's .ouro/skills. */
export function workspaceSkillReaders(workspace: Workspace): SkillReader[] {
  return inEachFolder(workspace, SKILLS_FOLDER).map((base) => ({
    location: base,
    folders: async () => (await foldersIn(workspace, base)).map((path) => path.slice(base.length + 1)),
    async readText(folder, file) {
      const loaded = await loadTextFile(workspace, `${base}/${folder}/${file}`, MAX_SKILL_FILE_BYTES);
      if (loaded.error !== undefined) throw new Error(loaded.error);
      return loaded.file?.text;
    },
    async files(folder) {
      const prefix = `${base}/${folder}/`;
      const listed = await workspace.list(`${base}/${folder}`, { recursive: true, limit: MAX_SKILL_FILES }).catch(() => ({ entries: [] }));
      return listed.entries.filter((entry) => entry.startsWith(prefix) && !entry.endsWith('/')).map((entry) => entry.slice(prefix.length));
    },
  }));
}

/** The user's skills folder on disk, ~/.ouro/skills by default. */
export function homeSkillReader(dir = join(homedir(), SKILLS_FOLDER), location = `~/${SKILLS_FOLDER}`): SkillReader {
  return {
    location,
    async folders() {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      return entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name).sort();
    },
    async readText(folder, file) {
      const path = join(dir, folder, file);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) return undefined;
      if (info.size > MAX_SKILL_FILE_BYTES) throw new Error(`${location}/${folder}/${file} is too large to read (${info.size} bytes).`);
      return readFile(path, 'utf8');
    },
    async files(folder) {
      const entries = await readdir(join(dir, folder), { recursive: true, withFileTypes: true }).catch(() => []);
      return entries
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name).slice(join(dir, folder).length + 1).split('\\').join('/'))
        .sort()
        .slice(0, MAX_SKILL_FILES);
    },
  };
}

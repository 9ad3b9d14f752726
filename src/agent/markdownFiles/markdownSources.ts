// Where prompt files and modes are read from: in each workspace folder `.github/prompts/*.prompt.md`
// (VS Code's convention), `.ouro/commands/*.md` and `.ouro/modes/*.md`, through the Workspace port
// (ignore rules and path safety apply); and the user's own `~/.ouro/commands/*.md`, by a reader
// that sees nothing else of the home folder.
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { loadTextFile } from '../tools/textFile';
import { filesIn, inEachFolder } from '../workspace/folderPaths';
import type { Workspace } from '../workspace/workspace';

export const COMMANDS_FOLDER = '.ouro/commands';
export const GITHUB_PROMPTS_FOLDER = '.github/prompts';
export const MODES_FOLDER = '.ouro/modes';
/** A prompt or a mode's instructions go into a message: larger files are refused rather than sent. */
export const MAX_MARKDOWN_FILE_BYTES = 64 * 1024;

export interface MarkdownSource {
  /** The folder, as the user would write it: ".ouro/commands", "~/.ouro/commands". */
  readonly location: string;
  /** What a file's name ends with there. */
  readonly suffix: '.prompt.md' | '.md';
  /** The names of the files directly inside that end with the suffix, sorted. */
  files(): Promise<string[]>;
  /** A file's text; undefined when it is gone. Throws with a message when it cannot be read. */
  read(fileName: string): Promise<string | undefined>;
}

const inWorkspace = (workspace: Workspace, folder: string, suffix: MarkdownSource['suffix']) => inEachFolder(workspace, folder).map((base) => workspaceSource(workspace, base, suffix));

export function workspacePromptSources(workspace: Workspace): MarkdownSource[] {
  return [...inWorkspace(workspace, GITHUB_PROMPTS_FOLDER, '.prompt.md'), ...inWorkspace(workspace, COMMANDS_FOLDER, '.md')];
}

export function workspaceModeSources(workspace: Workspace): MarkdownSource[] {
  return inWorkspace(workspace, MODES_FOLDER, '.md');
}

function workspaceSource(workspace: Workspace, base: string, suffix: MarkdownSource['suffix']): MarkdownSource {
  return {
    location: base,
    suffix,
    files: async () => (await filesIn(workspace, base, suffix)).map((path) => path.slice(path.lastIndexOf('/') + 1)),
    async read(fileName) {
      const loaded = await loadTextFile(workspace, `${base}/${fileName}`, MAX_MARKDOWN_FILE_BYTES);
      if (loaded.error !== undefined) throw new Error(loaded.error);
      return loaded.file?.text;
    },
  };
}

/** The user's prompt files on disk, ~/.ouro/commands by default. */
export function homePromptSource(dir = join(homedir(), COMMANDS_FOLDER), location = `~/${COMMANDS_FOLDER}`): MarkdownSource {
  return {
    location,
    suffix: '.md',
    async files() {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      return entries.filter((entry) => entry.isFile() && entry.name.endsWith('.md')).map((entry) => entry.name).sort();
    },
    async read(fileName) {
      const path = join(dir, fileName);
      const info = await stat(path).catch(() => undefined);
      if (!info?.isFile()) return undefined;
      if (info.size > MAX_MARKDOWN_FILE_BYTES) throw new Error(`it is too large (${info.size} bytes; at most ${MAX_MARKDOWN_FILE_BYTES})`);
      return readFile(path, 'utf8');
    },
  };
}

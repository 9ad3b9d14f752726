// Where hooks are read from: the user's own files (`~/.ouro/hooks.json`, `~/.claude/settings.json`)
// and each workspace folder's (`.ouro/hooks.json`, `.claude/settings.json`,
// `.claude/settings.local.json`, Copilot's `.github/hooks/*.json`). A workspace's hooks are the
// repository's, which anyone may have written: they run only where commands run in the OS
// sandbox, and can never let a call run without asking (see hooks.ts). The files are protected
// paths, so the agent cannot write its own.
import { readdir, readFile } from 'node:fs/promises';
import * as path from 'node:path';
import { parseHookFile, type Hook, type HookOrigin } from './hookConfig';

export const USER_HOOK_FILES = ['.ouro/hooks.json', '.claude/settings.json'];
export const WORKSPACE_HOOK_FILES = ['.ouro/hooks.json', '.claude/settings.json', '.claude/settings.local.json'];
/** GitHub Copilot's hook files: every `.json` in it. */
const COPILOT_HOOKS = '.github/hooks';

export interface LoadedHooks {
  hooks: Hook[];
  /** Bad entries, and workspace hooks left out, said once to the person. */
  problems: string[];
}

export interface HookSources {
  home: string;
  workspaceFolders: readonly string[];
  /** Whether a workspace's hooks may run: commands run in the OS sandbox (and, in the editor, the workspace is trusted). */
  workspaceHooksMayRun: boolean;
  /** Why not, when they may not. */
  whyNot?: string;
}

export async function loadHooks(sources: HookSources): Promise<LoadedHooks> {
  const hooks: Hook[] = [];
  const problems: string[] = [];
  const read = async (file: string, shown: string, origin: HookOrigin) => {
    const text = await readFile(file, 'utf8').catch(() => undefined);
    if (text === undefined) return;
    const parsed = parseHookFile(text, shown, origin);
    problems.push(...parsed.problems);
    if (origin === 'workspace' && !sources.workspaceHooksMayRun && parsed.hooks.length) {
      problems.push(`${shown}: its ${parsed.hooks.length} hook${parsed.hooks.length === 1 ? '' : 's'} did not run: ${sources.whyNot ?? "a workspace's hooks run only in the OS sandbox"}.`);
      return;
    }
    hooks.push(...parsed.hooks);
  };
  for (const file of USER_HOOK_FILES) await read(path.join(sources.home, file), `~/${file}`, 'user');
  for (const folder of sources.workspaceFolders) {
    const copilot = (await readdir(path.join(folder, COPILOT_HOOKS), { withFileTypes: true }).catch(() => []))
      .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
      .map((entry) => `${COPILOT_HOOKS}/${entry.name}`)
      .sort();
    for (const file of [...WORKSPACE_HOOK_FILES, ...copilot]) await read(path.join(folder, file), sources.workspaceFolders.length > 1 ? `${path.basename(folder)}/${file}` : file, 'workspace');
  }
  return { hooks, problems };
}

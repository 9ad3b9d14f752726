// The hooks for a session, the same in the CLI and the editor: read from the user's and the
// workspace's files, run through the session's command runner (in the OS sandbox where there is
// one) in the first workspace folder.
import type { CommandRunner } from '../commands/commandRunner';
import type { Workspace } from '../workspace/workspace';
import { loadHooks } from './hookFiles';
import { Hooks, hookRunnerOn } from './hooks';

export interface HookSetupOptions {
  home: string;
  /** The workspace folders' paths on disk. */
  folders: readonly string[];
  commands: CommandRunner | undefined;
  workspace: Workspace;
  sessionId: string;
  /** Why a workspace's hooks may not run even in the sandbox (the editor: an untrusted workspace). */
  untrusted?: string;
}

/** The session's hooks (undefined when there are none) and what to tell the person about them. */
export async function setUpHooks(options: HookSetupOptions): Promise<{ hooks?: Hooks; problems: string[] }> {
  const isolation = options.commands?.isolation?.();
  const sandboxed = isolation?.kind === 'sandbox';
  const whyNot = options.untrusted ?? (sandboxed ? undefined : "commands do not run in the OS sandbox here, and a workspace's hooks run only there");
  const loaded = await loadHooks({ home: options.home, workspaceFolders: options.folders, workspaceHooksMayRun: whyNot === undefined, ...(whyNot ? { whyNot } : {}) });
  if (loaded.hooks.length === 0) return { problems: loaded.problems };
  const folder = await options.workspace.resolve('.');
  const hooks = new Hooks(loaded.hooks, hookRunnerOn(options.commands, folder), options.sessionId, folder.root);
  return { hooks, problems: loaded.problems };
}

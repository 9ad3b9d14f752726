// An MCP server over stdio started inside the command sandbox: the same walls as a command (the
// workspace folder the only place it can write, protected paths read-only, the user's secrets
// and the sandbox's launchers hidden), but with the whole network, which servers are mostly for
// (an API, a database, a registry). Most servers are started by a package runner (`npx -y`,
// `uvx`) that needs a writable cache, and the home folder is read-only: they get a cache of their
// own (Ouro's cache folder, `mcp`), never the user's, which runs outside the sandbox. The server
// is a long-lived process the SDK starts itself, so this gives the program and arguments to
// start, not a runner.
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { quietArgv } from './quietEnvironment';
import { sandboxArgv, type SandboxProgram } from './sandboxArgv';
import { launcherFolder } from './sandboxLauncher';
import { sandboxPlanFor } from './sandboxPlanFor';

export interface ServerLaunch {
  command: string;
  args: string[];
}

/** Wraps a server's command line in the sandbox; the server starts in `cwd`. */
export type ServerSandbox = (launch: ServerLaunch, cwd: string) => Promise<ServerLaunch>;

export interface ServerSandboxOptions {
  sandbox: SandboxProgram;
  /** The workspace folder the server may write. */
  root: string;
  /** The home folder whose secrets are hidden (tests plant their own). */
  home?: string;
  /** The servers' own cache, writable in the sandbox; by default `~/.cache/ouro/mcp` (or under $XDG_CACHE_HOME). */
  cache?: string;
  launcherBase?: string;
}

export function serverSandbox(options: ServerSandboxOptions): ServerSandbox {
  const home = options.home ?? homedir();
  const cache = options.cache ?? join(process.env.XDG_CACHE_HOME || join(home, '.cache'), 'ouro', 'mcp');
  return async (launch, cwd) => {
    await mkdir(cache, { recursive: true, mode: 0o700 });
    const plan = await sandboxPlanFor({ root: options.root, cwd, network: 'all', home });
    // Variables before the command, as `env` takes them: the quiet ones commands get, and the cache.
    const inside = quietArgv([`npm_config_cache=${join(cache, 'npm')}`, `XDG_CACHE_HOME=${cache}`, launch.command, ...launch.args]);
    const [command, ...args] = sandboxArgv(options.sandbox, { ...plan, writable: [...plan.writable, cache] }, await launcherFolder(options.launcherBase), inside);
    return { command, args };
  };
}

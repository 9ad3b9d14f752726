// Starts code-server (the test editor installed by test/e2e/setup) on a free loopback port with
// its own config, user data and extensions folders, and stops its whole process tree.
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { codeServerEntry } from './editorInstall.cjs';
import { descendants, killTree } from './processTree';

/** Settings that keep a first run quiet: no welcome page, tips, trust prompt or update check. */
export const QUIET_SETTINGS: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'security.workspace.trust.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'chat.disableAIFeatures': true,
  'git.enabled': false,
  'window.commandCenter': false,
  // The web workbench saves after a delay by default; desktop VS Code, what Ouro targets, does not.
  'files.autoSave': 'off',
};

export interface CodeServerOptions {
  /** Merged over QUIET_SETTINGS into the user settings.json. */
  settings?: Record<string, unknown>;
  /** Added to (or, when undefined, removed from) the environment; it reaches the extension host. */
  env?: Record<string, string | undefined>;
  /** Defaults to a fresh temporary folder, removed on stop. */
  userDataDir?: string;
  /** Defaults to a fresh temporary folder, removed on stop. */
  extensionsDir?: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** How long to wait for /healthz. */
  startTimeoutMs?: number;
}

export interface CodeServer {
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  /** `127.0.0.1:PORT`, the authority of `vscode-remote://` URIs. */
  readonly authority: string;
  readonly userDataDir: string;
  readonly extensionsDir: string;
  readonly pid: number;
  /** The workbench URL for `folder`, with an optional `payload` (extension development/test paths). */
  folderUrl(folder: string, payload?: Array<[string, string]>): string;
  /** What code-server printed so far (for failure messages). */
  output(): string;
  stop(): Promise<void>;
}

export class EditorNotInstalledError extends Error {
  constructor() {
    super('The test editor is not installed: run `node test/e2e/setup` once (it installs code-server and Chromium).');
    this.name = 'EditorNotInstalledError';
  }
}

export async function startCodeServer(options: CodeServerOptions = {}): Promise<CodeServer> {
  const entry = codeServerEntry();
  if (!entry) throw new EditorNotInstalledError();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'ouro-editor-'));
  const userDataDir = options.userDataDir ?? path.join(scratch, 'user-data');
  const extensionsDir = options.extensionsDir ?? path.join(scratch, 'extensions');
  writeSettings(userDataDir, { ...QUIET_SETTINGS, ...options.settings });
  fs.mkdirSync(extensionsDir, { recursive: true });
  const config = path.join(scratch, 'config.yaml');
  // Port 0: code-server binds a free port and prints it, so two runs never race for one.
  fs.writeFileSync(config, `bind-addr: 127.0.0.1:${options.port ?? 0}\nauth: none\ncert: false\n`);

  const env = editorEnv(scratch, options.env);
  const args = [
    entry,
    '--config', config,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--user-data-dir', userDataDir,
    '--extensions-dir', extensionsDir,
  ];
  const child = spawn(process.execPath, args, { env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  let exited: number | null | undefined;
  child.on('exit', (code) => (exited = code));
  const pid = child.pid!;

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await killTree(pid);
    running.delete(stop);
    fs.rmSync(scratch, { recursive: true, force: true, maxRetries: 3 });
  };
  running.set(stop, pid);
  stopAllWhenThisProcessEnds();

  try {
    const port = await waitFor(options.startTimeoutMs ?? 30_000, 'code-server to print its address', () => {
      if (exited !== undefined) throw new Error(`code-server exited with ${exited}:\n${output}`);
      const match = /HTTP server listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      return match ? Number(match[1]) : undefined;
    });
    const url = `http://127.0.0.1:${port}`;
    await waitFor(options.startTimeoutMs ?? 30_000, `${url}/healthz`, async () => {
      if (exited !== undefined) throw new Error(`code-server exited with ${exited}:\n${output}`);
      const ok = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
      return ok || undefined;
    });
    const authority = `127.0.0.1:${port}`;
    return {
      url,
      authority,
      userDataDir,
      extensionsDir,
      pid,
      folderUrl: (folder, payload) => {
        const query = new URLSearchParams({ folder });
        if (payload) query.set('payload', JSON.stringify(payload));
        return `${url}/?${query.toString()}`;
      },
      output: () => output,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Every server this process started and has not stopped yet, with its pid. */
const running = new Map<() => Promise<void>, number>();
let exitHandlersInstalled = false;

/**
 * A test runner stopped by a timeout or Ctrl+C must not leave editors running: stop them on
 * SIGINT/SIGTERM, and kill them outright if the process exits any other way.
 */
function stopAllWhenThisProcessEnds(): void {
  if (exitHandlersInstalled) return;
  exitHandlersInstalled = true;
  process.on('exit', () => {
    for (const pid of running.values()) {
      for (const p of [pid, ...descendants(pid)]) {
        try {
          process.kill(p, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }
    }
  });
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
    process.once(signal, () => {
      void Promise.allSettled([...running.keys()].map((stop) => stop())).then(() => process.exit(code));
    });
  }
}

/** Over what a kept user data folder already holds, so settings saved from the editor survive. */
function writeSettings(userDataDir: string, settings: Record<string, unknown>): void {
  const dir = path.join(userDataDir, 'User');
  const file = path.join(dir, 'settings.json');
  fs.mkdirSync(dir, { recursive: true });
  let existing: Record<string, unknown> = {};
  if (fs.existsSync(file)) {
    try {
      existing = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    } catch {
      // Comments or a typo from a hand edit: leave the file as the user wrote it.
      return;
    }
  }
  fs.writeFileSync(file, JSON.stringify({ ...existing, ...settings }, null, 2));
}

/**
 * The editor gets its own XDG folders (code-server keeps state there besides the user data dir)
 * and none of the variables a surrounding VS Code sets for its own terminals.
 */
function editorEnv(scratch: string, extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) {
    if (key.startsWith('VSCODE_') || key === 'ELECTRON_RUN_AS_NODE') delete env[key];
  }
  env.XDG_DATA_HOME = path.join(scratch, 'xdg-data');
  env.XDG_CONFIG_HOME = path.join(scratch, 'xdg-config');
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Polls `probe` until it returns a value; a probe that throws ends the wait with its error. */
export async function waitFor<T>(timeoutMs: number, what: string, probe: () => T | undefined | Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

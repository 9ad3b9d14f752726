// A test editor for `ouro acp`: spawns the built CLI (dist/cli.js, as an editor would run it) and
// speaks the Agent Client Protocol to it over real pipes with the SDK's client side, recording
// every update, permission request and file request it gets. Its config folder (where sessions
// are saved) is a fresh temp folder unless the test names one.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import {
  client,
  methods,
  ndJsonStream,
  PROTOCOL_VERSION,
  type ClientContext,
  type InitializeResponse,
  type ReadTextFileRequest,
  type RequestPermissionRequest,
  type RequestPermissionResponse,
  type SessionNotification,
  type WriteTextFileRequest,
} from '@agentclientprotocol/sdk';

const ROOT = join(__dirname, '..', '..', '..');
const CLI = join(ROOT, 'dist', 'cli.js');

export interface EditorOptions {
  /** Advertise fs/read_text_file and fs/write_text_file, served from these buffers (absolute path → text). */
  buffers?: Map<string, string>;
  /** How the person answers a permission request; default: the first option. */
  answer?(request: RequestPermissionRequest, agent: ClientContext): RequestPermissionResponse | Promise<RequestPermissionResponse>;
  /** Called for every update as it arrives. */
  onUpdate?(update: SessionNotification, agent: ClientContext): void;
  env?: Record<string, string>;
}

export interface TestEditor {
  agent: ClientContext;
  /** What the agent answered to `initialize`. */
  initialized: InitializeResponse;
  updates: SessionNotification[];
  permissions: RequestPermissionRequest[];
  reads: ReadTextFileRequest[];
  writes: WriteTextFileRequest[];
  stderr(): string;
  close(): Promise<void>;
}

/** Fails with a clear reason when dist/cli.js is missing or older than the source it is built from. */
export function assertFreshBuild(): void {
  const built = statSync(CLI, { throwIfNoEntry: false });
  if (!built) throw new Error('dist/cli.js is missing: run `npm run build` first');
  const newer = newestIn(join(ROOT, 'src'));
  if (newer.mtimeMs > built.mtimeMs) throw new Error(`dist/cli.js is older than ${newer.path}: run \`npm run build\` first`);
}

function newestIn(folder: string): { path: string; mtimeMs: number } {
  let newest = { path: folder, mtimeMs: 0 };
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    const candidate = entry.isDirectory() ? newestIn(path) : { path, mtimeMs: statSync(path).mtimeMs };
    if (candidate.mtimeMs > newest.mtimeMs) newest = candidate;
  }
  return newest;
}

export async function openEditor(args: string[], options: EditorOptions = {}): Promise<TestEditor> {
  const ownConfig = options.env?.XDG_CONFIG_HOME ? undefined : mkdtempSync(join(tmpdir(), 'ouro-acp-config-'));
  const child: ChildProcess = spawn(process.execPath, [CLI, 'acp', ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', OURO_MAX_RETRIES: '0', ...(ownConfig ? { XDG_CONFIG_HOME: ownConfig } : {}), ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const editor = { updates: [], permissions: [], reads: [], writes: [] } as Pick<TestEditor, 'updates' | 'permissions' | 'reads' | 'writes'>;
  const { buffers } = options;
  let app = client({ name: 'test-editor' })
    .onNotification(methods.client.session.update, ({ params, agent }) => {
      editor.updates.push(params);
      options.onUpdate?.(params, agent);
    })
    .onRequest(methods.client.session.requestPermission, async ({ params, agent }) => {
      editor.permissions.push(params);
      return options.answer ? options.answer(params, agent) : { outcome: { outcome: 'selected', optionId: params.options[0].optionId } };
    });
  if (buffers) {
    app = app
      .onRequest(methods.client.fs.readTextFile, ({ params }) => {
        editor.reads.push(params);
        const text = buffers.get(params.path);
        if (text === undefined) throw new Error(`no buffer for ${params.path}`);
        return { content: text };
      })
      .onRequest(methods.client.fs.writeTextFile, ({ params }) => {
        editor.writes.push(params);
        buffers.set(params.path, params.content);
        return {};
      });
  }
  const connection = app.connect(ndJsonStream(Writable.toWeb(child.stdin!), Readable.toWeb(child.stdout!) as ReadableStream<Uint8Array>));
  const agent = connection.agent;
  const initialized = await agent.request(methods.agent.initialize, {
    protocolVersion: PROTOCOL_VERSION,
    clientCapabilities: { fs: { readTextFile: Boolean(buffers), writeTextFile: Boolean(buffers) } },
  });
  return {
    agent,
    initialized,
    ...editor,
    stderr: () => stderr,
    close: async () => {
      connection.close();
      child.stdin!.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
      await exited;
      clearTimeout(timer);
      if (ownConfig) rmSync(ownConfig, { recursive: true, force: true });
    },
  };
}

/** The text of every agent_message_chunk, joined. */
export function agentText(updates: readonly SessionNotification[]): string {
  return updates.map(({ update }) => (update.sessionUpdate === 'agent_message_chunk' && update.content.type === 'text' ? update.content.text : '')).join('');
}

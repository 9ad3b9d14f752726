// The CLI's MCP sign-ins: one JSON file, by server address, in the user's config folder
// ($XDG_CONFIG_HOME/ouro or ~/.config/ouro, made 0700), written atomically and readable by the
// user alone (0600). Saves within a run are queued, so two servers signing in at once both land.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { McpSignIn, McpTokenStore } from '../agent/mcp/mcpTokenStore';
import { isObject } from '../agent/hooks/isObject';
import { writeFileAtomic } from '../agent/workspace/atomicWrite';

export function ouroConfigFolder(home: string, env: NodeJS.ProcessEnv): string {
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), 'ouro');
}

export class McpTokenFile implements McpTokenStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly folder: string) {}

  get file(): string {
    return join(this.folder, 'mcp-tokens.json');
  }

  async load(serverUrl: string): Promise<McpSignIn | undefined> {
    return (await this.readAll())[serverUrl];
  }

  save(serverUrl: string, signIn: McpSignIn | undefined): Promise<void> {
    const saved = this.queue.then(async () => {
      const all = await this.readAll();
      if (signIn) all[serverUrl] = signIn;
      else delete all[serverUrl];
      await mkdir(this.folder, { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, Buffer.from(`${JSON.stringify(all, null, 2)}\n`), { mode: 0o600 });
    });
    this.queue = saved.catch(() => undefined);
    return saved;
  }

  private async readAll(): Promise<Record<string, McpSignIn>> {
    const text = await readFile(this.file, 'utf8').catch(() => undefined);
    if (text === undefined) return {};
    try {
      const json: unknown = JSON.parse(text);
      return isObject(json) ? (json as Record<string, McpSignIn>) : {};
    } catch {
      return {};
    }
  }
}

// Runs the CLI as a real child process (through tsx, so no build is needed) and collects what it
// printed and how it exited; the mock servers it talks to are closed after each test.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { startMockServer, type MockServer, type Turn } from '../../fixtures/mockOpenAI';

const ROOT = join(__dirname, '..', '..', '..');
/** The program and arguments that start the CLI from source, as a user would run it, without a build. */
export const CLI_FROM_SOURCE = [process.execPath, '--require', 'tsx/cjs', join(ROOT, 'src', 'cli', 'main.ts')];

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `onStderr` sees stderr as it comes, for a test that answers what the CLI asks for there. */
export function runCli(args: string[], env: Record<string, string> = {}, onStderr?: (chunk: string) => void): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const [program, ...cliArgs] = CLI_FROM_SOURCE;
    const child = spawn(program, [...cliArgs, ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', OURO_MAX_RETRIES: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      onStderr?.(String(chunk));
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Mock servers started through `start` are closed after each test of the suite that calls this. */
export function useMockServers(): { start(script: Turn[]): Promise<MockServer> } {
  const started: MockServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });
  return {
    async start(script) {
      const server = await startMockServer(script);
      started.push(server);
      return server;
    },
  };
}

// Runs one of the project's checks in a session's workspace folder through a command runner (the
// sandboxed one where there is one), with a timeout, and keeps the output as evidence.
import type { CommandRunner } from '../commands/commandRunner';
import type { CheckResult } from './bestOfN';

export const CHECK_TIMEOUT_MS = 300_000;

export async function runCheckIn(runner: CommandRunner, command: string, root: string, options: { timeoutMs?: number; signal?: AbortSignal } = {}): Promise<CheckResult> {
  const result = await runner.run(command, { display: '.', root, relative: '' }, { timeoutMs: options.timeoutMs ?? CHECK_TIMEOUT_MS, signal: options.signal ?? new AbortController().signal });
  const note = result.timedOut ? `(timed out after ${Math.round((options.timeoutMs ?? CHECK_TIMEOUT_MS) / 1000)} s)\n` : '';
  return { command, passed: result.exitCode === 0 && !result.timedOut, exitCode: result.exitCode, timedOut: result.timedOut, output: note + result.output };
}

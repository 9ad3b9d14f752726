// A task's check: a shell command line run in a workspace that holds code an agent (or a
// project's history) wrote, so it runs in the OS sandbox where there is one, with a timeout.
import { isolatedRunner } from '../../agent/commands/sandbox/isolatedRunner';
import { NodeCommandRunner } from '../../agent/commands/nodeCommandRunner';

export interface CheckPlace {
  /** The folder the check runs in. */
  workspace: string;
  /** Shown in messages, e.g. the task's name. */
  display: string;
  /** Extra environment: OURO_TASK_DIR, an empty HOME. */
  env: Record<string, string>;
  timeoutMs: number;
  signal?: AbortSignal;
}

export interface CheckOutcome {
  exitCode: number | null;
  /** The output, capped, after a line saying why it stopped when it timed out. */
  output: string;
}

export const CHECK_OUTPUT_LIMITS = { maxLines: 80, maxBytes: 6 * 1024 };

export async function runCheck(command: string, place: CheckPlace): Promise<CheckOutcome> {
  const runner = await isolatedRunner(new NodeCommandRunner({ env: place.env, limits: CHECK_OUTPUT_LIMITS }), { enabled: true, allowNetwork: () => [] });
  const signal = place.signal ?? new AbortController().signal;
  const check = await runner.run(command, { display: place.display, root: place.workspace, relative: '' }, { timeoutMs: place.timeoutMs, signal }).finally(() => runner.dispose?.());
  const note = check.timedOut ? `(the check timed out after ${place.timeoutMs / 1000} s)\n` : check.note ? `(${check.note})\n` : '';
  return { exitCode: check.exitCode, output: note + check.output };
}

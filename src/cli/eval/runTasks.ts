// Runs every task of a suite, `repeat` times, `jobs` at a time; results come back in a fixed
// order (by attempt, then task) whatever order they finish in.
import { runTask, type Endpoint, type EvalRun } from './evalRun';
import type { EvalTask } from './evalSuite';

export interface RunTasksOptions {
  endpoint: Endpoint;
  repeat?: number;
  jobs?: number;
  /** Attempts per run, one chosen by the project's checks. */
  bestOf?: number;
  /** A .ouro folder put into every task's workspace. */
  ouro?: string;
  transcript?: boolean;
  cli?: readonly string[];
  signal?: AbortSignal;
  /** Told about each run as it finishes: how many are done, of how many. */
  onRun?: (run: EvalRun, done: number, total: number) => void;
}

export async function runTasks(tasks: readonly EvalTask[], options: RunTasksOptions): Promise<EvalRun[]> {
  const repeat = options.repeat ?? 1;
  const queue = Array.from({ length: repeat }, (_, i) => tasks.map((task) => ({ task, attempt: i + 1 }))).flat();
  const runs: EvalRun[] = [];
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < queue.length && !options.signal?.aborted) {
      const index = next++;
      const { task, attempt } = queue[index];
      runs[index] = await runTask(task, { endpoint: options.endpoint, attempt, signal: options.signal, cli: options.cli, ouro: options.ouro, transcript: options.transcript, bestOf: options.bestOf });
      options.onRun?.(runs[index], ++done, queue.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.jobs ?? 1, queue.length) }, worker));
  return runs.filter(Boolean);
}

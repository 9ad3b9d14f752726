// `ouro --worktree PROMPT` and `ouro --best-of N PROMPT`: the agent works in new git worktrees of
// the workspace, never in the workspace itself. One worktree: its branch and folder are printed at
// the end. Best of N: N attempts one after another, the project's checks in each (in the sandbox),
// a table, and the winner; every worktree is kept until the person discards it.
import { resolve } from 'node:path';
import { findProjectChecks } from '../../agent/checks/projectChecks';
import { NodeCommandRunner } from '../../agent/commands/nodeCommandRunner';
import { isolatedRunner } from '../../agent/commands/sandbox/isolatedRunner';
import type { AgentEvent } from '../../agent/events';
import { costOf, priceFor } from '../../agent/usage/pricing';
import { NodeWorkspace } from '../../agent/workspace/nodeWorkspace';
import { attemptVariant, runBestOfN, type AttemptRun } from '../../agent/worktrees/bestOfN';
import { runCheckIn } from '../../agent/worktrees/runCheck';
import { WorktreeSessions } from '../../agent/worktrees/worktreeSessions';
import type { CliOptions } from '../args';
import { endpointOf, type Output } from '../sessionSetup';
import { formatBestOf, bestOfJson } from './bestOfTable';
import { titleOf, worktreesFolder } from './worktreesFolder';

export interface CliIo {
  stdout: Output;
  stderr: Output;
}

export type RunPrompt = (options: CliOptions, io: CliIo, observe?: (event: AgentEvent) => void) => Promise<number>;

/** What the checks print is kept to this much: the evidence, not the whole log. */
const CHECK_OUTPUT_LIMITS = { maxLines: 80, maxBytes: 8 * 1024 };

export async function worktreeMain(options: CliOptions, io: CliIo, runPrompt: RunPrompt): Promise<number> {
  const fail = (code: number, reason: string) => (io.stderr.write(`ouro: ${reason}\n`), code);
  // Found out before a worktree is made for nothing.
  const endpoint = endpointOf({ ...options, model: options.model ?? options.attemptModels?.[0] });
  if ('problem' in endpoint) return fail(2, endpoint.problem);
  if (options.bestOf && options.conversation) return fail(2, '--conversation continues one conversation: it does not go with --best-of');
  const sessions = await WorktreeSessions.open({ workspace: resolve(options.cwd), folder: worktreesFolder(process.env) }).catch((err: Error) => err);
  if (sessions instanceof Error) return fail(2, sessions.message);
  if (options.bestOf) return bestOfMain(options, io, runPrompt, sessions, fail);

  const session = await sessions.create({ title: titleOf(options.prompt), copy: options.copy }).catch((err: Error) => err);
  if (session instanceof Error) return fail(2, session.message);
  io.stderr.write(`worktree: ${session.branch} in ${session.root}\n`);
  for (const skipped of session.notCopied) io.stderr.write(`copy: ${skipped}\n`);
  let code = 1;
  try {
    code = await runPrompt({ ...options, cwd: session.root }, io);
  } finally {
    await sessions.finish(session.branch, code === 0 ? 'done' : 'failed');
  }
  const diff = await sessions.diff(session.branch);
  // With --json, stdout holds only events: the summary goes to stderr.
  const out = options.json ? io.stderr : io.stdout;
  out.write(`\nWorked in ${session.branch} (${diff.files.length} file${diff.files.length === 1 ? '' : 's'} changed): ${session.root}\n`);
  out.write(`Apply it: ouro sessions apply ${session.branch}    Discard it: ouro sessions discard ${session.branch}\n`);
  return code;
}

async function bestOfMain(options: CliOptions, io: CliIo, runPrompt: RunPrompt, sessions: WorktreeSessions, fail: (code: number, reason: string) => number): Promise<number> {
  const found = await findProjectChecks(new NodeWorkspace(resolve(options.cwd)), options.checks ?? []);
  const checks = found.checks.map((check) => check.command);
  if (checks.length === 0) io.stderr.write('checks: none found (pass --check CMD, or name the test command in AGENTS.md): the smallest change wins\n');
  else io.stderr.write(`checks (from ${found.source === 'setting' ? '--check' : found.source}): ${checks.join(', ')}\n`);

  const runner = await isolatedRunner(new NodeCommandRunner({ deny: options.deny, passEnv: options.passEnv, limits: CHECK_OUTPUT_LIMITS }), { enabled: options.sandbox, allowNetwork: () => options.allowNetwork });
  const isolation = runner.isolation?.();
  // A check is a command like any other: without a sandbox it runs only when every command may.
  if (checks.length > 0 && isolation && isolation.kind !== 'sandbox' && options.approve !== 'all') {
    await runner.dispose?.();
    return fail(2, `the checks would run without a sandbox (${isolation.reason}): pass --approve all to run them anyway`);
  }
  const controller = new AbortController();
  // Ctrl-C stops the attempt in flight (the run's own handler) and the attempts after it.
  const onSignal = () => controller.abort();
  process.on('SIGINT', onSignal);
  try {
    const result = await runBestOfN({
      sessions,
      title: titleOf(options.prompt),
      attempts: options.bestOf ?? 2,
      checks,
      copy: options.copy,
      signal: controller.signal,
      run: async (session, attempt) => {
        const variant = attemptVariant(attempt, { models: options.attemptModels, temperature: options.attemptTemperature });
        const model = variant.model ?? options.model;
        const price = model ? priceFor(model) : undefined;
        const run: AttemptRun = { ...variant, ended: 'error', tokens: 0, ...(price ? { cost: 0 } : {}) };
        // The attempts' work goes to stderr; stdout keeps the table. The checks run after each
        // attempt, here: the attempt is not asked to run them itself as well.
        await runPrompt({ ...options, ...variant, model, cwd: session.root, json: false, noChecks: true }, { stdout: io.stderr, stderr: io.stderr }, (event) => {
          if (event.type === 'usage') {
            run.tokens += event.usage.promptTokens + event.usage.completionTokens;
            if (price && run.cost !== undefined) run.cost += costOf(event.usage, price);
          } else if (event.type === 'done') {
            run.ended = event.reason;
            if (event.message) run.error = event.message;
          }
        });
        return run;
      },
      runCheck: (command, session) => runCheckIn(runner, command, session.root, { signal: controller.signal }),
      onEvent: (event) => {
        if (event.type === 'attempt_started') io.stderr.write(`\n── attempt ${event.attempt} of ${event.of}: ${event.branch} in ${event.folder}\n`);
        else if (event.type === 'check_ended') io.stderr.write(`check ${event.check.command}: ${event.check.passed ? 'pass' : 'FAIL'}\n`);
      },
    });
    io.stdout.write(options.json ? `${JSON.stringify(bestOfJson(result, checks))}\n` : `${formatBestOf(result, checks)}\n`);
    const winner = result.winner === undefined ? undefined : result.attempts[result.winner];
    return winner && winner.ended === 'stop' && winner.checks.every((check) => check.passed) ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    await runner.dispose?.();
  }
}

// The headless runner: the same loop, tools and model client as the extension, on a folder.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { ContextManager } from '../agent/context/contextManager';
import { contextWindowFor } from '../agent/context/contextWindows';
import { newRecord } from '../agent/history/conversationRecord';
import { ConversationRecorder } from '../agent/history/conversationRecorder';
import { runAgent } from '../agent/loop';
import { recordingWorkspace } from '../agent/recordingWorkspace';
import { priceFor } from '../agent/usage/pricing';
import { NodeWorkspace } from '../agent/workspace/nodeWorkspace';
import { parseCliArgs, UsageError, USAGE, type CliOptions } from './args';
import { createHumanRenderer, createJsonRenderer } from './render';
import { createCliApprover, createCliConfirm } from './approval';
import { createCliAsker } from './terminalQuestion';
import { exitFor } from './exit';
import { evalMain } from './eval/evalCommand';
import { improveMain } from './eval/improveCommand';
import { openSavedConversation, saveToFile } from './savedConversation';
import { acpMain } from './acp/acpCommand';
import { createModel, endpointOf, loadProjectPrompt, startSessionTools } from './sessionSetup';
import { withModeInstruction } from '../agent/modes/chatMode';
import { checksForTurn } from '../agent/checks/checksBeforeDone';
import type { AgentEvent } from '../agent/events';
import { sessionsMain } from './worktrees/sessionsCommand';
import { worktreeMain, type CliIo } from './worktrees/worktreeCommand';

export async function main(argv: string[]): Promise<number> {
  const stdout = { write: (text: string) => void process.stdout.write(text) };
  const stderr = { write: (text: string) => void process.stderr.write(text) };
  const fail = (code: number, reason: string) => {
    stderr.write(`ouro: ${reason}\n`);
    return code;
  };
  if (argv[0] === 'eval') return evalMain(argv.slice(1), { stdout, stderr });
  if (argv[0] === 'improve') return improveMain(argv.slice(1), { stdout, stderr });
  if (argv[0] === 'acp') return acpMain(argv.slice(1), stderr);
  if (argv[0] === 'sessions') return sessionsMain(argv.slice(1), { stdout, stderr });

  let options: CliOptions | 'help';
  try {
    options = parseCliArgs(argv, process.env, process.cwd());
  } catch (err) {
    if (err instanceof UsageError) return fail(2, `${err.message}\n${USAGE}`);
    throw err;
  }
  if (options === 'help') {
    stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (options.worktree || options.bestOf) return worktreeMain(options, { stdout, stderr }, runPrompt);
  return runPrompt(options, { stdout, stderr });
}

/** Runs the prompt on `options.cwd` as one session and returns the exit code; `observe` sees every event. */
export async function runPrompt(options: CliOptions, { stdout, stderr }: CliIo, observe?: (event: AgentEvent) => void): Promise<number> {
  const fail = (code: number, reason: string) => {
    stderr.write(`ouro: ${reason}\n`);
    return code;
  };
  const cwd = resolve(options.cwd);
  if (!isFolder(cwd)) return fail(2, `--cwd ${options.cwd} is not a folder`);
  const endpoint = endpointOf(options);
  if ('problem' in endpoint) return fail(2, endpoint.problem);

  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY) && !options.json;
  const workspace = new NodeWorkspace(cwd, {
    approve: options.approve,
    confirm: interactive ? createCliConfirm() : undefined,
  });
  const project = await loadProjectPrompt(workspace, cwd, options, stderr);
  const model = createModel(options, endpoint);
  const saved = options.conversation ? await openSavedConversation(options.conversation).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))) : undefined;
  if (saved instanceof Error) return fail(2, `--conversation ${options.conversation} cannot be continued: ${saved.message}`);
  for (const repair of saved?.repairs ?? []) stderr.write(`conversation: ${repair}\n`);
  // A continued conversation keeps its system prompt: the requests before stay a cached prefix.
  const conversation = saved?.conversation ?? newRecord(randomUUID(), [{ role: 'system', content: project.systemPrompt }]);
  const context = new ContextManager({ model, window: options.contextWindow ?? contextWindowFor(endpoint.model), state: conversation.context });
  const file = options.conversation;
  const recorder = new ConversationRecorder(conversation, {
    save: file ? saveToFile(file) : async () => {},
    pricing: (model) => priceFor(model),
    context,
    onSaveError: (err) => stderr.write(`ouro: could not save the conversation: ${err instanceof Error ? err.message : String(err)}\n`),
  });
  recorder.startTurn(withModeInstruction(options.mode ?? 'agent', options.prompt), endpoint.model);
  const session = await startSessionTools(options, { cwd, workspace, skills: project.skills, sessionId: conversation.id, stderr });

  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  const render = options.json ? createJsonRenderer(stdout) : createHumanRenderer(stdout, stderr);
  let lastError: string | undefined;
  let reason: string = 'error';
  try {
    for await (const event of runAgent(conversation, {
      model,
      tools: session.tools,
      commands: session.commands,
      workspace: recordingWorkspace(workspace, { checkpoints: conversation.checkpoints, messages: () => conversation.messages, save: () => recorder.save() }),
      approver: createCliApprover(options, interactive),
      asker: createCliAsker(interactive),
      maxSteps: options.maxSteps,
      signal: controller.signal,
      context,
      hooks: session.hooks,
      remindOpenPlanItems: (options.mode ?? 'agent') === 'agent',
      checks: await checksForTurn(workspace, { configured: options.checks ?? [], enabled: !options.noChecks, edits: (options.mode ?? 'agent') === 'agent' }),
    })) {
      // Saved before it is shown: what the user sees is on disk.
      await recorder.observe(event);
      render(event);
      observe?.(event);
      if (event.type === 'error') lastError = event.message;
      if (event.type === 'done') {
        reason = event.reason;
        lastError = event.message ?? lastError;
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    await session.dispose();
  }
  const exit = exitFor(reason, lastError, options.maxSteps);
  return exit.code === 0 ? 0 : fail(exit.code, exit.message);
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err: unknown) => {
      process.stderr.write(`ouro: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}

// The headless runner: the same loop, tools and model client as the extension, on a folder.
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { ContextManager } from '../agent/context/contextManager';
import { contextWindowFor } from '../agent/context/contextWindows';
import { newRecord } from '../agent/history/conversationRecord';
import { ConversationRecorder } from '../agent/history/conversationRecorder';
import { validateCommandRules } from '../agent/commands/commandPolicy';
import { NodeCommandRunner } from '../agent/commands/nodeCommandRunner';
import { isolatedRunner } from '../agent/commands/sandbox/isolatedRunner';
import { networkAllowed } from '../agent/commands/sandbox/networkAccess';
import { CustomToolSource } from '../agent/customTools/customToolSource';
import { runAgent } from '../agent/loop';
import { recordingWorkspace } from '../agent/recordingWorkspace';
import { priceFor } from '../agent/usage/pricing';
import { buildSystemPrompt } from '../agent/prompt';
import { loadProjectRules } from '../agent/rules/projectRules';
import { SkillLibrary } from '../agent/skills/skillLibrary';
import { homeSkillReader, workspaceSkillReaders } from '../agent/skills/skillReaders';
import { createTools } from '../agent/tools/index';
import { NodeWorkspace } from '../agent/workspace/nodeWorkspace';
import { OpenAICompatibleModel } from '../llm/openaiCompatible';
import { withToolMode } from '../llm/textToolCalls/toolModeModel';
import { parseCliArgs, UsageError, USAGE, type CliOptions } from './args';
import { createHumanRenderer, createJsonRenderer } from './render';
import { createCliApprover, createCliConfirm } from './approval';
import { createCliAsker } from './terminalQuestion';
import { exitFor } from './exit';
import { evalMain } from './eval/evalCommand';
import { improveMain } from './eval/improveCommand';
import { openSavedConversation, saveToFile } from './savedConversation';
import { homedir } from 'node:os';
import { setUpHooks } from '../agent/hooks/hookSetup';

export async function main(argv: string[]): Promise<number> {
  const stdout = { write: (text: string) => void process.stdout.write(text) };
  const stderr = { write: (text: string) => void process.stderr.write(text) };
  const fail = (code: number, reason: string) => {
    stderr.write(`ouro: ${reason}\n`);
    return code;
  };
  if (argv[0] === 'eval') return evalMain(argv.slice(1), { stdout, stderr });
  if (argv[0] === 'improve') return improveMain(argv.slice(1), { stdout, stderr });

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

  const cwd = resolve(options.cwd);
  if (!isFolder(cwd)) return fail(2, `--cwd ${options.cwd} is not a folder`);
  if (!options.model) return fail(2, 'no model configured: pass --model NAME or set OURO_MODEL');
  // With a key and no URL, the key is OpenAI's; without either there is nothing to talk to.
  const baseURL = options.baseURL ?? (options.apiKey ? 'https://api.openai.com/v1' : undefined);
  if (!baseURL) return fail(2, 'no endpoint configured: pass --base-url URL or set OPENAI_BASE_URL');

  const interactive = Boolean(process.stdin.isTTY && process.stderr.isTTY) && !options.json;
  const workspace = new NodeWorkspace(cwd, {
    approve: options.approve,
    confirm: interactive ? createCliConfirm() : undefined,
  });
  const rules = await loadProjectRules(workspace);
  if (rules.files.length > 0) stderr.write(`rules: ${rules.files.map((file) => file.path + (file.truncated ? ' (cut)' : '')).join(', ')}\n`);
  for (const problem of rules.problems) stderr.write(`rules: ${problem}\n`);
  const skills = new SkillLibrary([...workspaceSkillReaders(workspace), homeSkillReader()]);
  const skillList = await skills.list();
  for (const problem of skillList.problems) stderr.write(`skills: ${problem}\n`);
  const model = withToolMode(new OpenAICompatibleModel({ baseURL, apiKey: options.apiKey, model: options.model, maxRetries: options.maxRetries }), options.toolMode ?? 'native');
  const saved = options.conversation ? await openSavedConversation(options.conversation).catch((err: unknown) => (err instanceof Error ? err : new Error(String(err)))) : undefined;
  if (saved instanceof Error) return fail(2, `--conversation ${options.conversation} cannot be continued: ${saved.message}`);
  for (const repair of saved?.repairs ?? []) stderr.write(`conversation: ${repair}\n`);
  // A continued conversation keeps its system prompt: the requests before stay a cached prefix.
  const conversation =
    saved?.conversation ??
    newRecord(randomUUID(), [{ role: 'system', content: buildSystemPrompt({ folders: [basename(cwd)], os: process.platform, shell: process.env.SHELL, rules: rules.text, skills: skillList.skills, webSearch: options.search !== undefined }) }]);
  const context = new ContextManager({ model, window: options.contextWindow ?? contextWindowFor(options.model), state: conversation.context });
  const file = options.conversation;
  const recorder = new ConversationRecorder(conversation, {
    save: file ? saveToFile(file) : async () => {},
    pricing: (model) => priceFor(model),
    context,
    onSaveError: (err) => stderr.write(`ouro: could not save the conversation: ${err instanceof Error ? err.message : String(err)}\n`),
  });
  recorder.startTurn(options.prompt, options.model);

  const commands = await isolatedRunner(new NodeCommandRunner({ allow: options.allow, deny: options.deny, passEnv: options.passEnv }), { enabled: options.sandbox, allowNetwork: () => options.allowNetwork });
  const isolation = commands.isolation?.();
  if (isolation && isolation.kind !== 'sandbox') stderr.write(`commands: no sandbox (${isolation.reason}): ${isolation.kind === 'off' ? 'an allow rule covers only the exact command' : 'every command asks'}\n`);
  for (const problem of networkAllowed(options.allowNetwork).problems) stderr.write(`commands: ${problem}\n`);
  for (const problem of await validateCommandRules([...options.allow, ...options.deny])) stderr.write(`commands: ${problem}\n`);
  const hookSetup = await setUpHooks({ home: homedir(), folders: [cwd], commands, workspace, sessionId: conversation.id });
  for (const problem of hookSetup.problems) stderr.write(`hooks: ${problem}\n`);

  const controller = new AbortController();
  const onSignal = () => controller.abort();
  process.once('SIGINT', onSignal);
  const render = options.json ? createJsonRenderer(stdout) : createHumanRenderer(stdout, stderr);
  let lastError: string | undefined;
  let reason: string = 'error';
  try {
    for await (const event of runAgent(conversation, {
      model,
      // Self-made tools under .ouro/tools/ are read again before every step.
      tools: new CustomToolSource(workspace, createTools({ skills: skillList.skills.length > 0 ? skills : undefined, fetch: { allowDomains: options.allowDomains ?? [], privateHosts: options.privateHosts ?? [] }, search: options.search }), {
        onProblem: (entry) => stderr.write(`tools: ${entry.problem}\n`),
        reflect: options.reflect,
      }).forStep,
      commands,
      workspace: recordingWorkspace(workspace, { checkpoints: conversation.checkpoints, messages: () => conversation.messages, save: () => recorder.save() }),
      approver: createCliApprover(options, interactive),
      asker: createCliAsker(interactive),
      maxSteps: options.maxSteps,
      signal: controller.signal,
      context,
      hooks: hookSetup.hooks,
    })) {
      // Saved before it is shown: what the user sees is on disk.
      await recorder.observe(event);
      render(event);
      if (event.type === 'error') lastError = event.message;
      if (event.type === 'done') {
        reason = event.reason;
        lastError = event.message ?? lastError;
      }
    }
  } finally {
    process.off('SIGINT', onSignal);
    await commands.dispose?.();
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

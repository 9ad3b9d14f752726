// Hooks in a real turn: the loop against the mock OpenAI server, hooks from real files run as
// real commands in the sandbox, and what the model hears in its next request.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { CommandRunner } from '../../../src/agent/commands/commandRunner';
import { NodeCommandRunner } from '../../../src/agent/commands/nodeCommandRunner';
import { ContextManager } from '../../../src/agent/context/contextManager';
import { loadTokenCounter } from '../../../src/agent/context/tokenCounter';
import type { Message } from '../../../src/agent/conversation';
import type { AgentEvent } from '../../../src/agent/events';
import { setUpHooks } from '../../../src/agent/hooks/hookSetup';
import { runAgent } from '../../../src/agent/loop';
import { createTools } from '../../../src/agent/tools/index';
import type { ApprovalRequest } from '../../../src/agent/tools/tool';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { OpenAICompatibleModel } from '../../../src/llm/openaiCompatible';
import { reply, startMockServer, text, toolCall, type Turn } from '../../fixtures/mockOpenAI';
import { bubblewrap, inSandbox } from '../commands/sandboxHarness';
import { calls, result, system, user } from '../context/messages';

/** A hook script in node (jq is not everywhere): reads the event from stdin, runs `body` with it as `e`. */
const nodeHook = (body: string) => `node -e ${JSON.stringify(`const e = JSON.parse(require('fs').readFileSync(0, 'utf8')); ${body}`)}`;

describe('hooks in a turn', function () {
  this.timeout(30000);
  let bwrap: string;
  let root: string;
  let home: string;
  let asked: ApprovalRequest[];

  before(async () => {
    bwrap = await bubblewrap();
  });
  beforeEach(() => {
    root = realpathSync(mkdtempSync(path.join(tmpdir(), 'ouro-hooks-')));
    home = realpathSync(mkdtempSync(path.join(tmpdir(), 'ouro-hooks-home-')));
    asked = [];
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  function hookFile(base: string, file: string, hooks: Record<string, unknown>): void {
    mkdirSync(path.dirname(path.join(base, file)), { recursive: true });
    writeFileSync(path.join(base, file), JSON.stringify({ hooks }));
  }

  async function turn(script: Turn[], options: { sandboxed?: boolean; allow?: string[]; history?: Message[]; window?: number } = {}) {
    const server = await startMockServer(script);
    const workspace = new NodeWorkspace(root, { approve: 'edits' });
    const bare = new NodeCommandRunner({ allow: options.allow ?? [] });
    const commands: CommandRunner = options.sandboxed === false ? bare : inSandbox(bare, bwrap);
    const setup = await setUpHooks({ home, folders: [root], commands, workspace, sessionId: 'session-1' });
    const events: AgentEvent[] = [];
    try {
      const model = new OpenAICompatibleModel({ baseURL: server.url, apiKey: 'k', model: 'mock-model', maxRetries: 0 });
      const conversation = { id: 'c', messages: options.history ?? [{ role: 'user' as const, content: 'go' }] };
      const context = options.window ? new ContextManager({ model, window: options.window, counter: await loadTokenCounter('gpt-4o'), largeResultTokens: 10_000 }) : undefined;
      for await (const event of runAgent(conversation, {
        model,
        tools: createTools(),
        workspace,
        commands,
        approver: { approve: async (request) => (asked.push(request), { approved: true }) },
        hooks: setup.hooks,
        ...(context ? { context } : {}),
      })) events.push(event);
      return { requests: server.requests, events, problems: setup.problems, conversation };
    } finally {
      await server.close();
      await commands.dispose?.();
    }
  }

  const toolMessage = (request: { messages: Array<{ role: string; content?: unknown }> }) => String(request.messages.filter((m) => m.role === 'tool').at(-1)?.content);
  const notices = (events: AgentEvent[]) => events.flatMap((event) => (event.type === 'hook' ? [event.text] : []));

  it("denies a command from the workspace's PreToolUse hook (Claude Code's Bash matcher, exit code 2): nothing runs, the model reads why", async () => {
    hookFile(root, '.claude/settings.json', { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo "use the test script, not rm" >&2; exit 2' }] }] });
    const { requests } = await turn([reply(...toolCall('run_command', { command: 'touch ran.txt' })), reply(...text('ok'))], { allow: ['touch'] });
    assert.equal(existsSync(path.join(root, 'ran.txt')), false);
    assert.match(toolMessage(requests[1]), /Not run: a hook refused it: use the test script, not rm$/);
  });

  it("runs Copilot's .github/hooks files: a preToolUse guard reads toolName and toolArgs and denies", async () => {
    hookFile(root, '.github/hooks/guard.json', {});
    writeFileSync(
      path.join(root, '.github/hooks/guard.json'),
      JSON.stringify({ version: 1, hooks: { preToolUse: [{ type: 'command', bash: nodeHook("if (e.toolName === 'run_command' && JSON.parse(e.toolArgs).command.includes('touch')) console.log(JSON.stringify({ permissionDecision: 'deny', permissionDecisionReason: 'no touching' }))") }] } }),
    );
    const { requests } = await turn([reply(...toolCall('run_command', { command: 'touch ran.txt' })), reply(...text('ok'))], { allow: ['touch'] });
    assert.equal(existsSync(path.join(root, 'ran.txt')), false);
    assert.match(toolMessage(requests[1]), /Not run: a hook refused it: no touching$/);
  });

  it('tells the model what a PostToolUse hook says after an edit, with the file it got as tool_input.file_path', async () => {
    hookFile(root, '.ouro/hooks.json', { PostToolUse: [{ matcher: 'Write', hooks: [{ type: 'command', command: nodeHook("console.log(JSON.stringify({ hookSpecificOutput: { additionalContext: 'formatted ' + e.tool_input.file_path + ' after ' + e.tool_name } }))") }] }] });
    const { requests } = await turn([reply(...toolCall('write_file', { path: 'a.txt', content: 'a\n' })), reply(...text('ok'))]);
    assert.match(toolMessage(requests[1]), new RegExp(`\\n\\nFrom the hooks: formatted ${path.join(root, 'a.txt').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} after write_file$`));
  });

  it('lets a call run when a hook hangs past its timeout, and says so', async () => {
    hookFile(root, '.ouro/hooks.json', { PreToolUse: [{ hooks: [{ type: 'command', command: 'sleep 30', timeout: 1 }] }] });
    const { events, requests } = await turn([reply(...toolCall('write_file', { path: 'b.txt', content: 'b\n' })), reply(...text('ok'))]);
    assert.ok(existsSync(path.join(root, 'b.txt')));
    assert.deepEqual(notices(events), ['The PreToolUse hook `sleep 30` (.ouro/hooks.json) timed out']);
    assert.doesNotMatch(toolMessage(requests[1]), /hook/);
  });

  it("lets the user's own hook allow a call without asking, but not a workspace's", async () => {
    const allow = { PreToolUse: [{ matcher: 'run_command', hooks: [{ type: 'command', command: 'echo \'{"hookSpecificOutput":{"permissionDecision":"allow"}}\'' }] }] };
    hookFile(root, '.ouro/hooks.json', allow);
    const fromWorkspace = await turn([reply(...toolCall('run_command', { command: 'touch one.txt' })), reply(...text('ok'))]);
    assert.equal(asked.length, 1, 'the workspace hook did not spare the question');
    assert.match(notices(fromWorkspace.events)[0], /cannot let a call run without asking/);
    rmSync(path.join(root, '.ouro'), { recursive: true });
    hookFile(home, '.ouro/hooks.json', allow);
    asked = [];
    await turn([reply(...toolCall('run_command', { command: 'touch two.txt' })), reply(...text('ok'))]);
    assert.equal(asked.length, 0);
    assert.ok(existsSync(path.join(root, 'two.txt')));
  });

  it('asks when a hook says ask, even where an allow rule would run it', async () => {
    hookFile(root, '.ouro/hooks.json', { PreToolUse: [{ matcher: 'Bash', hooks: [{ type: 'command', command: 'echo \'{"hookSpecificOutput":{"permissionDecision":"ask","permissionDecisionReason":"touches files"}}\'' }] }] });
    await turn([reply(...toolCall('run_command', { command: 'touch three.txt' })), reply(...text('ok'))], { allow: ['touch'] });
    assert.equal(asked.length, 1);
    assert.match(asked[0].title, /a hook asks you to approve this call/);
    assert.equal(asked[0].detail, 'touches files');
    assert.ok(existsSync(path.join(root, 'three.txt')));
  });

  it('adds what a UserPromptSubmit hook prints, and sends the model on once when a Stop hook blocks', async () => {
    hookFile(root, '.ouro/hooks.json', {
      UserPromptSubmit: [{ hooks: [{ type: 'command', command: 'echo "the branch is main"' }] }],
      Stop: [{ hooks: [{ type: 'command', command: nodeHook("if (!e.stop_hook_active) { console.error('run the tests first'); process.exit(2); }") }] }],
    });
    const { requests, events } = await turn([reply(...text('done')), reply(...text('tests pass'))]);
    assert.equal(requests.length, 2);
    const lastUser = (request: (typeof requests)[number]) => String(request.messages.filter((m) => m.role === 'user').at(-1)?.content);
    assert.equal(lastUser(requests[0]), 'go\n\nFrom the hooks: the branch is main');
    assert.equal(lastUser(requests[1]), 'Not done yet, a hook says: run the tests first');
    assert.equal(events.at(-1)?.type, 'done');
  });

  it('runs the PreCompact hooks before older messages are summarised', async () => {
    hookFile(root, '.ouro/hooks.json', { PreCompact: [{ hooks: [{ type: 'command', command: nodeHook("require('fs').writeFileSync('compacting.txt', e.hook_event_name + ' ' + e.trigger)") }] }] });
    const history: Message[] = [system('You are a test.'), user('Read the files.')];
    for (let i = 0; i < 16; i++) history.push(calls(`c${i}`), result(`c${i}`, `// file ${i}\n${'export const value = compute(1, 2, 3);\n'.repeat(30)}`));
    history.push(user('go on'));
    const { requests, events } = await turn([reply(...text('Read files 0 to 7.')), reply(...text('Read files 0 to 10.')), reply(...text('ok'))], { history, window: 8_000 });
    assert.equal(readFileSync(path.join(root, 'compacting.txt'), 'utf8'), 'PreCompact auto');
    assert.equal(requests.length, 3, 'the summary (in two parts), then the turn');
    assert.equal(requests[2].messages[0].content, 'You are a test.');
    assert.ok(events.some((event) => event.type === 'compacted'));
  });

  it("runs no workspace hooks where commands are not sandboxed, and says so", async () => {
    hookFile(root, '.ouro/hooks.json', { PreToolUse: [{ hooks: [{ type: 'command', command: 'touch hooked.txt' }] }] });
    const { problems } = await turn([reply(...toolCall('write_file', { path: 'c.txt', content: 'c\n' })), reply(...text('ok'))], { sandboxed: false });
    assert.equal(existsSync(path.join(root, 'hooked.txt')), false);
    assert.deepEqual(problems, [".ouro/hooks.json: its 1 hook did not run: commands do not run in the OS sandbox here, and a workspace's hooks run only there."]);
  });

  it('keeps hook files out of the agent\'s reach: writing one needs review even with edits auto-approved', async () => {
    const { requests } = await turn([reply(...toolCall('write_file', { path: '.ouro/hooks.json', content: '{"hooks":{}}' })), reply(...text('ok'))]);
    assert.equal(existsSync(path.join(root, '.ouro/hooks.json')), false);
    assert.match(toolMessage(requests[1]), /protected/);
  });
});

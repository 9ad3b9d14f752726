// Self-made tools on real temp folders, run as real child processes: loaded from
// .ouro/tools/<name>/, judged like run_command, arguments as JSON on stdin.
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { NodeCommandRunner, type NodeCommandRunnerOptions } from '../../../src/agent/commands/nodeCommandRunner';
import { bubblewrap, inSandbox } from '../commands/sandboxHarness';
import type { CommandRunner } from '../../../src/agent/commands/commandRunner';
import { CustomToolSource, REFLECTION_NOTE } from '../../../src/agent/customTools/customToolSource';
import { loadCustomTools } from '../../../src/agent/customTools/loadCustomTools';
import type { AgentEvent } from '../../../src/agent/events';
import { runToolCall } from '../../../src/agent/runToolCall';
import { createToolContext } from '../../../src/agent/toolContext';
import { toolSpecs } from '../../../src/agent/toolSpecs';
import { createTools } from '../../../src/agent/tools/index';
import type { ApprovalRequest, Tool, ToolResult } from '../../../src/agent/tools/tool';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { addToTree, useTempTrees, type TreeSpec } from '../workspace/tempTree';
import { COUNT_LINES_MANIFEST, countLinesTool } from './countLinesTool';

const PARAMETERS = COUNT_LINES_MANIFEST.parameters;

describe('self-made tools', function () {
  this.timeout(20000);
  const temp = useTempTrees();
  const builtIn = createTools();
  const builtInNames = builtIn.map((tool) => tool.name);

  interface Called {
    result: ToolResult;
    requests: ApprovalRequest[];
    events: AgentEvent[];
  }

  async function call(tools: readonly Tool[], workspace: NodeWorkspace, args: unknown, options: { approve?: boolean; runner?: NodeCommandRunnerOptions; commands?: CommandRunner } = {}): Promise<Called> {
    const requests: ApprovalRequest[] = [];
    const events: AgentEvent[] = [];
    const approver = { approve: async (request: ApprovalRequest) => (requests.push(request), options.approve === false ? { approved: false, reason: 'no' } : { approved: true }) };
    const commands = options.commands ?? new NodeCommandRunner(options.runner);
    const ctx = createToolContext({ workspace, approver, signal: new AbortController().signal, commands }, 'call-1', (event) => events.push(event));
    const result = await runToolCall({ id: 'call-1', name: 'count_lines', arguments: JSON.stringify(args) }, tools, ctx);
    return { result, requests, events };
  }

  async function countLinesIn(spec: TreeSpec) {
    const root = await temp.tree({ 'src/a.txt': 'one\ntwo\n\nthree\n', ...spec });
    const workspace = new NodeWorkspace(root);
    const loaded = await loadCustomTools(workspace, builtInNames);
    return { root, workspace, loaded };
  }

  it('loads a tool from its folder and runs its script with the arguments as JSON on stdin, in the workspace folder', async () => {
    const { root, workspace, loaded } = await countLinesIn(countLinesTool());
    assert.deepEqual(loaded.problems, []);
    assert.deepEqual(loaded.tools.map((tool) => [tool.name, tool.kind]), [['count_lines', 'execute']]);
    const { result } = await call(loaded.tools, workspace, { path: 'src/a.txt' });
    assert.equal(result.isError, undefined, result.content);
    assert.match(result.content, /^Exit code 0 after [\d.]+ m?s\.\nsrc\/a\.txt: 3 lines\n/);
    assert.match(result.content, new RegExp(`\ncwd=${root}\ndir=${join(root, '.ouro/tools/count_lines')}\n$`));
  });

  it('sends the model exactly the parameters schema the tool declared', async () => {
    const { loaded } = await countLinesIn(countLinesTool());
    const [spec] = toolSpecs(loaded.tools);
    assert.deepEqual(spec, { name: 'count_lines', description: 'Count the non-empty lines of a file.', parameters: PARAMETERS });
  });

  it('checks the arguments against the tool\'s schema and does not run it when they are wrong', async () => {
    const { workspace, loaded } = await countLinesIn(countLinesTool());
    const missing = await call(loaded.tools, workspace, { verbose: 'yes', extra: 1 });
    assert.equal(missing.result.isError, true);
    assert.equal(
      missing.result.content,
      'Invalid arguments for count_lines: path: missing (required); extra: not a parameter of this tool; verbose: must be boolean. Fix them and call it again.',
    );
    assert.deepEqual(missing.requests, [], 'nothing was asked or run');
  });

  it('fills in the defaults the schema declares before the script sees the arguments', async () => {
    const { workspace, loaded } = await countLinesIn(countLinesTool({ parameters: { ...PARAMETERS, properties: { ...(PARAMETERS.properties as object), verbose: { type: 'boolean', default: true } } } }));
    const { result } = await call(loaded.tools, workspace, { path: 'src/a.txt' });
    assert.match(result.content, /3 lines \(verbose\)/);
  });

  it('asks the approver, showing the command and the arguments, and runs nothing when refused', async () => {
    const { workspace, loaded } = await countLinesIn(countLinesTool({ command: ['node', 'count.mjs'] }));
    const refused = await call(loaded.tools, workspace, { path: 'src/a.txt' }, { approve: false });
    assert.deepEqual(refused.requests, [
      {
        kind: 'execute',
        title: 'count_lines (self-made tool)',
        detail: `runs node .ouro/tools/count_lines/count.mjs in ., with the arguments as JSON on stdin: {"path":"src/a.txt","verbose":false}`,
        command: 'node .ouro/tools/count_lines/count.mjs',
      },
    ]);
    assert.equal(refused.result.content, 'The user did not allow count_lines to run: no');
    assert.equal(refused.result.isError, true);
    assert.deepEqual(refused.events.map((event) => event.type), ['approval_request', 'approval_result']);
  });

  it('runs without asking when an allow rule covers its command, and never when a deny rule catches it', async () => {
    const { workspace, loaded } = await countLinesIn(countLinesTool());
    const allowed = await call(loaded.tools, workspace, { path: 'src/a.txt' }, { commands: inSandbox(new NodeCommandRunner({ allow: ['node .ouro/tools/count_lines/count.mjs'] }), await bubblewrap()) });
    assert.deepEqual(allowed.requests, []);
    assert.match(allowed.result.content, /3 lines/);
    const denied = await call(loaded.tools, workspace, { path: 'src/a.txt' }, { runner: { allow: ['node'], deny: ['node'] } });
    assert.deepEqual(denied.requests, []);
    assert.match(denied.result.content, /^Refused, not run: `node .ouro\/tools\/count_lines\/count\.mjs` matches the deny rule "node"/);
  });

  it('is judged like a command line: an option that runs code takes it out of an allow rule', async () => {
    const { workspace, loaded } = await countLinesIn(countLinesTool({ command: ['node', '--require', './x.js', 'count.mjs'] }));
    const commands = inSandbox(new NodeCommandRunner({ allow: ['node'] }), await bubblewrap());
    const { requests } = await call(loaded.tools, workspace, { path: 'src/a.txt' }, { approve: false, commands });
    assert.equal(requests.length, 1);
  });

  it('never lets an argument reach a shell', async () => {
    const { root, workspace, loaded } = await countLinesIn(countLinesTool());
    const marker = join(root, 'pwned');
    const { result } = await call(loaded.tools, workspace, { path: `$(touch ${marker})` });
    assert.equal(result.isError, true);
    assert.match(result.content, /ENOENT/);
    assert.equal(existsSync(marker), false);
  });

  it('says it cannot run where the host runs no programs', async () => {
    const { workspace, loaded } = await countLinesIn(countLinesTool());
    const lineOnly: CommandRunner = { rules: () => ({ allow: [], deny: [] }), run: async () => assert.fail('not a command line') };
    const { result } = await call(loaded.tools, workspace, { path: 'src/a.txt' }, { commands: lineOnly });
    assert.equal(result.content, 'count_lines cannot run here: this host cannot run programs.');
  });

  it('reports each broken tool with its exact problem and still loads the good ones', async () => {
    const { loaded } = await countLinesIn({
      ...countLinesTool(),
      '.ouro/tools/bad_json/tool.json': '{ "name": "bad_json", }',
      '.ouro/tools/no_script/tool.json': JSON.stringify({ name: 'no_script', description: 'x', parameters: { type: 'object' }, command: 'run.py' }),
      '.ouro/tools/read_file/tool.json': JSON.stringify({ name: 'read_file', description: 'x', parameters: { type: 'object' }, command: 'r.js' }),
      '.ouro/tools/read_file/r.js': '',
      '.ouro/tools/half_done/run.sh': 'echo hi',
    });
    assert.deepEqual(loaded.tools.map((tool) => tool.name), ['count_lines']);
    assert.deepEqual(loaded.problems.map((entry) => entry.problem), [
      `.ouro/tools/bad_json/tool.json is not a usable tool: it is not valid JSON (${jsonError('{ "name": "bad_json", }')}).`,
      '.ouro/tools/half_done/ has no tool.json, so it is not a tool yet.',
      '.ouro/tools/no_script/tool.json is not a usable tool: command "run.py" is not a file in the tool\'s folder; it has: tool.json.',
      '.ouro/tools/read_file/tool.json is not a usable tool: name "read_file" is already taken by another tool; choose another name (and rename the folder).',
    ]);
  });

  it('finds no tools and no problems in a workspace without .ouro/tools', async () => {
    const { loaded } = await countLinesIn({});
    assert.deepEqual(loaded, { tools: [], problems: [] });
  });

  describe('as the loop\'s tool source', () => {
    it('offers the built-in tools plus the self-made ones, and reports a problem once until it changes', async () => {
      const { root, workspace } = await countLinesIn(countLinesTool());
      const heard: string[] = [];
      const source = new CustomToolSource(workspace, builtIn, { onProblem: (entry) => heard.push(entry.problem) });
      const first = await source.forStep();
      assert.deepEqual(first.tools.map((tool) => tool.name), [...builtInNames, 'count_lines']);
      assert.deepEqual(first.notes, []);
      assert.equal((await source.forStep()).tools, first.tools, 'the same list while nothing changed');

      await addToTree(root, { '.ouro/tools/count_lines/tool.json': '{}' });
      const broken = await source.forStep();
      assert.deepEqual(broken.tools.map((tool) => tool.name), builtInNames);
      assert.equal(broken.notes?.length, 1);
      assert.match(broken.notes![0], /^\.ouro\/tools\/count_lines\/tool\.json is not a usable tool: name: missing/);
      assert.deepEqual((await source.forStep()).notes, [], 'reported once');
      assert.deepEqual(heard, broken.notes);

      await addToTree(root, countLinesTool());
      assert.deepEqual((await source.forStep()).tools.map((tool) => tool.name), [...builtInNames, 'count_lines']);
    });

    it('asks the reflection question from the second step on when reflect is set, and never otherwise', async () => {
      const { workspace } = await countLinesIn({});
      const reflecting = new CustomToolSource(workspace, builtIn, { reflect: true });
      assert.deepEqual((await reflecting.forStep()).notes, []);
      assert.deepEqual((await reflecting.forStep()).notes, [REFLECTION_NOTE]);
      const quiet = new CustomToolSource(workspace, builtIn);
      await quiet.forStep();
      assert.deepEqual((await quiet.forStep()).notes, []);
    });

    it('reads the folder again only after changed() when not reloading every step', async () => {
      const { root, workspace } = await countLinesIn({});
      const source = new CustomToolSource(workspace, builtIn, { reloadEveryStep: false });
      assert.equal((await source.forStep()).tools.length, builtIn.length);
      await addToTree(root, countLinesTool());
      assert.equal((await source.forStep()).tools.length, builtIn.length, 'not read again yet');
      source.changed();
      assert.equal((await source.forStep()).tools.at(-1)?.name, 'count_lines');
    });
  });
});

function jsonError(text: string): string {
  try {
    JSON.parse(text);
    return '';
  } catch (err) {
    return (err as Error).message;
  }
}

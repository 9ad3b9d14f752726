import { strict as assert } from 'node:assert';
import { buildSystemPrompt } from '../../../src/agent/prompt';
import { assembleRules, loadProjectRules } from '../../../src/agent/rules/projectRules';
import { NodeWorkspace } from '../../../src/agent/workspace/nodeWorkspace';
import { reply, text } from '../../fixtures/mockOpenAI';
import { runCli, useMockServers } from '../cli/cliProcess';
import { useTempTrees } from '../workspace/tempTree';

describe('project rules', () => {
  const temp = useTempTrees();

  it('loads AGENTS.md, then .ouro/rules/*.md in name order, and lists what it loaded', async () => {
    const root = await temp.tree({
      'AGENTS.md': '# Build\nRun `npm test` before you finish.\n',
      '.ouro/rules/style.md': 'Use tabs.\n',
      '.ouro/rules/api.md': 'Never change the public API.\n',
      '.ouro/rules/notes.txt': 'not a rule file',
    });
    const rules = await loadProjectRules(new NodeWorkspace(root));
    assert.deepEqual(rules.files.map((file) => file.path), ['AGENTS.md', '.ouro/rules/api.md', '.ouro/rules/style.md']);
    assert.equal(
      rules.text,
      '[AGENTS.md]\n# Build\nRun `npm test` before you finish.\n\n[.ouro/rules/api.md]\nNever change the public API.\n\n[.ouro/rules/style.md]\nUse tabs.',
    );
    assert.deepEqual(rules.problems, []);
  });

  it('returns no text and no files when the project has no rules', async () => {
    const root = await temp.tree({ 'README.md': 'hello' });
    const rules = await loadProjectRules(new NodeWorkspace(root));
    assert.deepEqual(rules, { text: '', files: [], problems: [] });
    assert.doesNotMatch(buildSystemPrompt({ folders: ['x'], rules: rules.text }), /Project rules/);
  });

  it('reads each folder of a multi-root workspace, naming files by folder', async () => {
    const api = await temp.tree({ 'AGENTS.md': 'API rule.' });
    const web = await temp.tree({ '.ouro/rules/ui.md': 'UI rule.' });
    const workspace = new NodeWorkspace([api, web]);
    const rules = await loadProjectRules(workspace);
    const [apiName, webName] = workspace.folders;
    assert.deepEqual(rules.files.map((file) => file.path), [`${apiName}/AGENTS.md`, `${webName}/.ouro/rules/ui.md`]);
    assert.match(rules.text, /API rule\.[\s\S]*UI rule\./);
  });

  it('skips rule files an ignore rule hides and empty ones', async () => {
    const root = await temp.tree({ '.ouroignore': '.ouro/rules/private.md\n', '.ouro/rules/private.md': 'secret plan', '.ouro/rules/empty.md': '  \n' });
    const rules = await loadProjectRules(new NodeWorkspace(root));
    assert.deepEqual(rules.files, []);
    assert.doesNotMatch(rules.text, /secret plan/);
  });

  it('reports a rule file that is not text instead of loading it', async () => {
    const root = await temp.tree({ '.ouro/rules/logo.md': new Uint8Array([0x89, 0x50, 0, 0, 1]) });
    const rules = await loadProjectRules(new NodeWorkspace(root));
    assert.deepEqual(rules.files, []);
    assert.equal(rules.problems.length, 1);
    assert.match(rules.problems[0], /\.ouro\/rules\/logo\.md is a binary file/);
  });

  it('cuts the file that reaches the cap at a line end, says so, and leaves later files out', async () => {
    const long = Array.from({ length: 40 }, (_, i) => `Rule number ${i + 1}.`).join('\n');
    const root = await temp.tree({ 'AGENTS.md': long, '.ouro/rules/more.md': 'More.' });
    const rules = await loadProjectRules(new NodeWorkspace(root), { maxChars: 200 });
    assert.ok(rules.text.length <= 260, `${rules.text.length} characters`);
    assert.match(rules.text, /Rule number 1\.\n/);
    assert.match(rules.text, /Rule number \d+\.\n\[… AGENTS\.md goes on; read it for the rest\]$/);
    assert.deepEqual(rules.files.map((file) => [file.path, file.truncated]), [['AGENTS.md', true]]);
    assert.match(rules.problems.join('\n'), /\.ouro\/rules\/more\.md was left out: .* 200 characters/);
  });

  it('keeps every file whole while they fit, with Windows line endings made plain', () => {
    const assembled = assembleRules([{ path: 'a.md', text: 'one\r\ntwo\r\n' }, { path: 'b.md', text: 'three' }], 1000);
    assert.equal(assembled.text, '[a.md]\none\ntwo\n\n[b.md]\nthree');
    assert.deepEqual(assembled.files, [{ path: 'a.md', chars: 7, truncated: false }, { path: 'b.md', chars: 5, truncated: false }]);
  });
});

describe('the system prompt on learning', () => {
  const prompt = buildSystemPrompt({ folders: ['project'] });

  it('asks for remember when the user corrects the agent or a fact was costly to find', () => {
    assert.match(prompt, /corrects you, or a project fact was costly to find, save it with remember/);
  });

  it('says the agent may write a tool of its own under .ouro/tools/, and how', () => {
    assert.match(prompt, /\.ouro\/tools\/NAME\/tool\.json \{name, description, parameters \(JSON schema\), command \(script or argv\)\}/);
    assert.match(prompt, /arguments as JSON on stdin/);
    assert.match(prompt, /Same for skills: \.ouro\/skills\/NAME\/SKILL\.md/);
  });
});

describe('the CLI with project rules', function () {
  this.timeout(30_000);
  const temp = useTempTrees();
  const servers = useMockServers();

  it('puts AGENTS.md into the system prompt it sends and names the file on stderr', async () => {
    const root = await temp.tree({ 'AGENTS.md': 'Always answer in French.\n' });
    const server = await servers.start([reply(...text('Bonjour.'))]);
    const run = await runCli(['--cwd', root, '--base-url', server.url, '--api-key', 'k', '--model', 'm', 'hello']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stderr, /^rules: AGENTS\.md$/m);
    const system = server.requests[0].messages[0];
    assert.equal(system.role, 'system');
    assert.match(String(system.content), /Project rules:\n\[AGENTS\.md\]\nAlways answer in French\.$/);
    assert.ok(!String(system.content).includes(root), 'no machine path in the prompt');
  });
});

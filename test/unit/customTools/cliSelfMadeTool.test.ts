// The whole way through the CLI: the model writes itself a tool (write_file, --approve all),
// and calls it in the next step of the same conversation; a broken one is reported to it.
import * as assert from 'node:assert/strict';
import { reply, text, toolCall, type MockServer } from '../../fixtures/mockOpenAI';
import { REFLECTION_NOTE } from '../../../src/agent/customTools/customToolSource';
import { runCli, useMockServers } from '../cli/cliProcess';
import { useTempTrees } from '../workspace/tempTree';
import { COUNT_LINES_MANIFEST, COUNT_LINES_SCRIPT } from './countLinesTool';

describe('the CLI with a tool written mid-conversation', function () {
  this.timeout(30_000);
  const temp = useTempTrees();
  const servers = useMockServers();

  const writeFile = (path: string, content: string, index: number) => toolCall('write_file', { path, content }, { index });
  const endpoint = (root: string, server: MockServer) => ['--cwd', root, '--base-url', server.url, '--api-key', 'k', '--model', 'm', '--approve', 'all'];

  it('offers the tool from the next step and runs it', async () => {
    const root = await temp.tree({ 'src/math.js': 'export const add = (a, b) => a + b;\nexport const sub = (a, b) => a - b;\n' });
    const server = await servers.start([
      reply(
        writeFile('.ouro/tools/count_lines/tool.json', JSON.stringify(COUNT_LINES_MANIFEST), 0),
        writeFile('.ouro/tools/count_lines/count.mjs', COUNT_LINES_SCRIPT, 1),
      ),
      reply(toolCall('count_lines', { path: 'src/math.js' })),
      reply(text('src/math.js has 2 lines.')),
    ]);
    const run = await runCli([...endpoint(root, server), 'count the lines of src/math.js with a tool of your own']);
    assert.equal(run.code, 0, run.stderr);
    const offered = server.requests.map((request) => (request.tools ?? []).some((tool) => tool.function.name === 'count_lines'));
    assert.deepEqual(offered, [false, true, true]);
    const result = server.requests[2].messages.at(-1);
    assert.equal(result?.role, 'tool');
    assert.match(String(result?.content), /^Exit code 0 after [\d.]+ m?s\.\nsrc\/math\.js: 2 lines\n/);
  });

  it('with --reflect, asks after the tool results whether a tool of its own would help', async () => {
    const root = await temp.tree({ 'a.txt': 'a\n' });
    const server = await servers.start([reply(toolCall('read_file', { path: 'a.txt' })), reply(text('Done.'))]);
    const run = await runCli([...endpoint(root, server), '--reflect', 'read a.txt']);
    assert.equal(run.code, 0, run.stderr);
    assert.match(String(server.requests[1].messages.at(-1)?.content), new RegExp(`\\n\\n\\[Note from Ouro\\] ${escape(REFLECTION_NOTE)}$`));
  });

  it('tells the model exactly what is wrong with a tool.json it wrote', async () => {
    const root = await temp.tree({});
    const broken = { ...COUNT_LINES_MANIFEST, parameters: { type: 'object', properties: { path: { type: 'text' } } } };
    const server = await servers.start([
      reply(writeFile('.ouro/tools/count_lines/tool.json', JSON.stringify(broken), 0), writeFile('.ouro/tools/count_lines/count.mjs', COUNT_LINES_SCRIPT, 1)),
      reply(text('I will fix it.')),
    ]);
    const run = await runCli([...endpoint(root, server), 'write a tool']);
    assert.equal(run.code, 0, run.stderr);
    const problem =
      '.ouro/tools/count_lines/tool.json is not a usable tool: parameters is not a valid JSON schema: parameters.properties.path.type must be equal to one of the allowed values (array, boolean, integer, null, number, object, string).';
    const lastResult = server.requests[1].messages.at(-1);
    assert.equal(lastResult?.role, 'tool');
    assert.match(String(lastResult?.content), new RegExp(`\\n\\n\\[Note from Ouro\\] ${escape(problem)}$`));
    assert.ok(!(server.requests[1].tools ?? []).some((tool) => tool.function.name === 'count_lines'));
    assert.match(run.stderr, new RegExp(`^tools: ${escape(problem)}$`, 'm'));
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

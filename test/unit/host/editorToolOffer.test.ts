import assert from 'node:assert/strict';
import type { Approver, Tool, ToolContext } from '../../../src/agent/tools/tool';
import { EditorToolOffer, LOAD_EDITOR_TOOLS, type EditorToolInfo } from '../../../src/host/mcp/editorToolOffer';

const ours = { name: 'calc__add' } as Tool;

function offerOf(listed: EditorToolInfo[], allowed: string[] = []) {
  const invoked: Array<{ name: string; input: unknown }> = [];
  const offer = new EditorToolOffer({ list: () => listed, invoke: async (name, input) => (invoked.push({ name, input }), `ran ${name}`) }, () => allowed);
  return { offer, invoked };
}

function context(approver: Approver): ToolContext {
  return { approver, signal: new AbortController().signal, toolCallId: 'call_1' } as unknown as ToolContext;
}

describe("The editor's own tools (vscode.lm.tools)", () => {
  it('are offered as vscode__<tool>, leaving out a VS Code MCP tool Ouro runs itself', () => {
    const { offer } = offerOf([
      { name: 'githubRepo', description: 'Searches a GitHub repository.', inputSchema: { type: 'object', properties: { repo: { type: 'string' } } } },
      { name: 'mcp_calc_add', description: 'Adds two numbers.', inputSchema: undefined },
      { name: 'mcp_docs_search', description: 'Searches the docs.', inputSchema: undefined },
    ]);
    assert.deepEqual(offer.offer([ours]).map((tool) => tool.name), ['vscode__githubRepo', 'vscode__mcp_docs_search']);
  });

  it('ask before running, naming the editor as the server, and return the text the editor gave', async () => {
    const { offer, invoked } = offerOf([{ name: 'githubRepo', description: 'Searches.', inputSchema: { type: 'object', properties: { repo: { type: 'string' } } } }]);
    const asked: unknown[] = [];
    const [tool] = offer.offer([]);
    const result = await tool.run({ repo: 'a/b' }, context({ approve: async (request) => (asked.push(request.mcp), { approved: true }) }));
    assert.deepEqual(asked, [{ server: 'vscode', tool: 'githubRepo', readOnly: false }]);
    assert.deepEqual(invoked, [{ name: 'githubRepo', input: { repo: 'a/b' } }]);
    assert.equal(result.content, 'ran githubRepo');
  });

  it('run without asking once always allowed, and past eight wait behind their own loader', async () => {
    const many = Array.from({ length: 9 }, (_, i) => ({ name: `t${i}`, description: `Tool ${i}.`, inputSchema: undefined }));
    const { offer } = offerOf(many, ['vscode__*']);
    const offered = offer.offer([]);
    assert.deepEqual(offered.map((tool) => tool.name), [LOAD_EDITOR_TOOLS]);
    const { offer: one } = offerOf([many[0]], ['vscode__*']);
    const result = await one.offer([])[0].run({}, context({ approve: async () => assert.fail('asked') }));
    assert.equal(result.content, 'ran t0');
  });
});

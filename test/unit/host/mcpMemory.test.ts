import assert from 'node:assert/strict';
import { McpMemory, type StateStore } from '../../../src/host/mcp/mcpMemory';

function store(): StateStore {
  const values = new Map<string, unknown>();
  return { get: <T>(key: string) => values.get(key) as T | undefined, update: async (key, value) => void values.set(key, value) };
}

describe('What the person decided about MCP servers in a workspace', () => {
  it('remembers trust with the command line it was given for, and asks again when the line changes', async () => {
    const memory = new McpMemory(store());
    assert.equal(memory.trust('calc', 'node calc.mjs'), undefined);
    await memory.setTrust([{ name: 'calc', target: 'node calc.mjs' }], 'trusted');
    assert.equal(memory.trust('calc', 'node calc.mjs'), 'trusted');
    assert.equal(memory.trust('calc', 'node calc.mjs --evil'), undefined);
    await memory.setTrust([{ name: 'calc', target: 'node calc.mjs --evil' }], 'declined');
    assert.equal(memory.trust('calc', 'node calc.mjs --evil'), 'declined');
  });

  it('turns servers off and on again', async () => {
    const memory = new McpMemory(store());
    await memory.setEnabled('calc', false);
    await memory.setEnabled('docs', false);
    assert.equal(memory.disabled('calc'), true);
    await memory.setEnabled('calc', true);
    assert.equal(memory.disabled('calc'), false);
    assert.equal(memory.disabled('docs'), true);
  });

  it('always allows one tool, or every tool of a server, in the names the core reads', async () => {
    const memory = new McpMemory(store());
    assert.equal(await memory.allow('calc', 'add'), 'calc__add');
    assert.equal(memory.isAllowed('calc', 'add'), true);
    assert.equal(memory.isAllowed('calc', 'divide'), false);
    assert.equal(await memory.allow('docs'), 'docs__*');
    assert.equal(memory.isAllowed('docs', 'search'), true);
    await memory.allow('calc', 'add');
    assert.deepEqual(memory.allowed(), ['calc__add', 'docs__*']);
  });
});

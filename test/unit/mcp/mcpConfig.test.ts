// VS Code's mcp.json as Ouro reads it: servers of each kind, comments and trailing commas, the
// problems named, and the variables filled or missing.
import * as assert from 'node:assert/strict';
import { parseMcpFile } from '../../../src/agent/mcp/mcpConfig';
import { inputsFromEnv, userMcpFile } from '../../../src/agent/mcp/mcpFiles';
import { inputsUsed, resolveVariables } from '../../../src/agent/mcp/mcpVariables';
import { mcpToolName } from '../../../src/agent/mcp/mcpTools';

const FILE = `{
  // VS Code writes comments here
  "inputs": [ { "id": "api-token", "type": "promptString", "description": "The token", "password": true } ],
  "servers": {
    "everything": { "type": "stdio", "command": "npx", "args": ["-y", "server-everything"], "env": { "KEY": "\${env:MY_KEY}" } },
    "docs": { "url": "https://example.com/mcp", "headers": { "Authorization": "Bearer \${input:api-token}" } },
    "old": { "type": "sse", "url": "http://localhost:3001/sse" },
    "files": { "command": "node", "args": ["server.js", "\${workspaceFolder}"], "cwd": "\${userHome}/tools" },
  },
}`;

describe('MCP configuration', () => {
  it("reads VS Code's mcp.json: stdio, http (the default with a url) and sse servers, with comments and trailing commas", () => {
    const parsed = parseMcpFile(FILE, '.vscode/mcp.json', 'workspace');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(
      parsed.servers.map((server) => [server.name, server.kind, server.origin]),
      [
        ['everything', 'stdio', 'workspace'],
        ['docs', 'http', 'workspace'],
        ['old', 'sse', 'workspace'],
        ['files', 'stdio', 'workspace'],
      ],
    );
    assert.deepEqual(parsed.inputs, [{ id: 'api-token', description: 'The token', password: true }]);
  });

  it('names what is wrong with each server and keeps the rest', () => {
    const parsed = parseMcpFile(
      JSON.stringify({ servers: { 'bad name': { command: 'x' }, nocmd: { type: 'stdio' }, badargs: { command: 'x', args: [1] }, ftp: { type: 'http', url: 'ftp://x' }, ws: { type: 'websocket', url: 'ws://x' }, ok: { command: 'x' } } }),
      'm.json',
      'user',
    );
    assert.deepEqual(parsed.servers.map((server) => server.name), ['ok']);
    assert.deepEqual(parsed.problems, [
      'm.json: server "bad name": a name may hold letters, digits, "_", "-" and "." only',
      'm.json: server "nocmd": "command" is missing',
      'm.json: server "badargs": "args" must be a list of strings',
      'm.json: server "ftp": "url" must be an http(s) address',
      'm.json: server "ws": unknown type "websocket" (stdio, http or sse)',
    ]);
    assert.match(parseMcpFile('{ "servers": ', 'n.json', 'user').problems[0], /^n\.json: not valid JSON/);
  });

  it('fills ${env:…}, ${input:…}, ${workspaceFolder} and ${userHome}, and refuses a server with a variable it cannot fill', () => {
    const [everything, docs, , files] = parseMcpFile(FILE, 'f', 'user').servers;
    const values = { env: { MY_KEY: 'k1' }, workspaceFolder: '/work/p', userHome: '/home/u', inputs: inputsFromEnv({ OURO_MCP_INPUT_API_TOKEN: 't0k' }) };
    assert.deepEqual(resolveVariables(everything, values), { ok: true, server: { ...everything, env: { KEY: 'k1' } } });
    assert.deepEqual(resolveVariables(docs, values), { ok: true, server: { ...docs, headers: { Authorization: 'Bearer t0k' } } });
    assert.deepEqual(resolveVariables(files, values), { ok: true, server: { ...files, args: ['server.js', '/work/p'], cwd: '/home/u/tools' } });
    assert.deepEqual(resolveVariables(docs, { ...values, inputs: new Map() }), { ok: false, problem: 'f: server "docs" needs ${input:api-token}, which has no value' });
    assert.deepEqual(inputsUsed(docs), ['api-token']);
  });

  it("finds the user's VS Code mcp.json on each platform, and names tools server__tool within 64 characters", () => {
    assert.equal(userMcpFile('/home/u', 'linux', {}), '/home/u/.config/Code/User/mcp.json');
    assert.equal(userMcpFile('/Users/u', 'darwin', {}), '/Users/u/Library/Application Support/Code/User/mcp.json');
    assert.equal(mcpToolName('everything', 'get-sum'), 'everything__get-sum');
    assert.equal(mcpToolName('my.server', 'a tool'), 'my_server__a_tool');
    assert.equal(mcpToolName('s', 'x'.repeat(100)).length, 64);
  });
});

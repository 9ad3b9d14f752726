// What the model reads of MCP results of every kind: server-everything's tools that return
// images, embedded resources, resource links and structured content, and results cut to the cap.
import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { McpConnection } from '../../../src/agent/mcp/mcpConnection';
import { mcpToolResult } from '../../../src/agent/mcp/mcpResult';

const EVERYTHING = join(__dirname, '..', '..', '..', 'node_modules/@modelcontextprotocol/server-everything/dist/index.js');

describe('MCP results as the model reads them', function () {
  this.timeout(30_000);
  let connection: McpConnection;
  before(() => {
    connection = new McpConnection({ name: 'everything', kind: 'stdio', command: process.execPath, args: [EVERYTHING, 'stdio'], env: {}, source: 't', origin: 'user' }, { cwd: __dirname });
  });
  after(() => connection.close());
  const read = async (tool: string, args: Record<string, unknown> = {}) => mcpToolResult(await connection.call(tool, args, new AbortController().signal)).content;

  it('names an image with its type and size, between the text around it', async () => {
    assert.match(await read('get-tiny-image'), /^.+\n\[image image\/png, \d+(\.\d)? (B|KB)\]\n.+$/);
  });

  it('gives an embedded text resource with its address, and decodes a blob of text', async () => {
    assert.match(await read('get-resource-reference', { resourceType: 'Text', resourceId: 3 }), /\[resource demo:\/\/resource\/dynamic\/text\/3, text\/plain\]\nResource 3: This is a plaintext resource/);
    assert.match(await read('get-resource-reference', { resourceType: 'Blob', resourceId: 2 }), /\[resource demo:\/\/resource\/dynamic\/blob\/2, text\/plain\]\nResource 2: This is a base64 blob/);
  });

  it('lists resource links with their address, name and type', async () => {
    const links = (await read('get-resource-links', { count: 2 })).split('\n').filter((line) => line.startsWith('[resource link'));
    assert.equal(links.length, 2);
    assert.match(links[0], /^\[resource link demo:\/\/resource\/\S+ \(.+\), text\/plain\]/);
  });

  it('keeps the text of a result that also has structured content', async () => {
    const text = await read('get-structured-content', { location: 'Chicago' });
    assert.deepEqual(Object.keys(JSON.parse(text) as object).sort(), ['conditions', 'humidity', 'temperature']);
  });

  it('gives structured content as JSON when there is no text, notes a binary blob, and cuts a long result with a note', () => {
    assert.equal(mcpToolResult({ content: [], structuredContent: { ok: true } }).content, '{\n  "ok": true\n}');
    assert.equal(mcpToolResult({ content: [{ type: 'resource', resource: { uri: 'file:///a.bin', mimeType: 'application/octet-stream', blob: 'AAAA' } }] }).content, '[resource file:///a.bin, application/octet-stream, 3 B of binary data]');
    const long = mcpToolResult({ content: [{ type: 'text', text: Array.from({ length: 5_000 }, (_, i) => `line ${i}`).join('\n') }] }).content;
    assert.ok(Buffer.byteLength(long) < 20 * 1024, String(Buffer.byteLength(long)));
    assert.match(long, /^line 0\n/);
    assert.match(long, /line 4999$/);
    assert.match(long, /omitted|left out|cut/i);
  });
});

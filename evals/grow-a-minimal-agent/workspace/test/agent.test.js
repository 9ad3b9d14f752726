import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runAgent, runTool } from '../agent.js';

test('read_file reads a file', () => {
  assert.match(runTool('read_file', { path: 'package.json' }), /tiny-agent/);
});

test('an unknown tool is an answer, not a crash', () => {
  assert.match(runTool('nope', {}), /^Unknown tool nope\. Tools: read_file/);
});

test('runs the tools the model calls until it answers', async () => {
  const replies = [{ role: 'assistant', toolCalls: [{ id: '1', name: 'read_file', arguments: { path: 'package.json' } }] }, { role: 'assistant', content: 'done' }];
  const messages = [];
  assert.equal(await runAgent(async () => replies.shift(), messages), 'done');
  assert.match(messages[1].content, /tiny-agent/);
});

// Import and export through the commands, with the file given as an argument (the palette asks
// with the editor's dialogs): a JSON export comes back as a new conversation in the chat, it
// exports again as JSON and Markdown, and a file that is not a conversation changes nothing.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';

const saved = {
  format: 'ouro.conversation',
  version: 1,
  id: 'from-elsewhere',
  title: 'Why does add fail?',
  createdAt: '2025-01-01T10:00:00.000Z',
  updatedAt: '2025-01-01T10:05:00.000Z',
  model: 'gpt-4o',
  messages: [
    { role: 'system', content: 'You are Ouro.' },
    { role: 'user', content: 'Why does add fail?' },
    { role: 'assistant', content: '', toolCalls: [{ id: 'c1', name: 'read_file', arguments: '{"path":"src/add.ts"}' }] },
    { role: 'tool', toolCallId: 'c1', name: 'read_file', content: 'export const add = (a, b) => a - b;' },
    { role: 'assistant', content: 'It subtracts.' },
  ],
};

describe('importing and exporting a conversation', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(join(tmpdir(), 'ouro-export-'));
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  const file = (name: string, text?: string) => {
    if (text !== undefined) writeFileSync(join(folder, name), text);
    return vscode.Uri.file(join(folder, name));
  };
  const exportAs = (format: 'json' | 'markdown', name: string) => vscode.commands.executeCommand<vscode.Uri | undefined>('ouro.exportConversation', format, file(name));

  it('imports a JSON export under a new id, shows it, and exports it as JSON and as Markdown', async () => {
    const id = await vscode.commands.executeCommand<string | undefined>('ouro.importConversation', file('in.json', JSON.stringify(saved)));
    assert.ok(id && id !== saved.id, `a new id, not ${String(id)}`);
    await exportAs('json', 'out.json');
    const exported = JSON.parse(readFileSync(join(folder, 'out.json'), 'utf8'));
    assert.deepEqual([exported.id, exported.title, exported.messages], [id, saved.title, saved.messages]);
    await exportAs('markdown', 'out.md');
    const markdown = readFileSync(join(folder, 'out.md'), 'utf8');
    assert.match(markdown, /^# Why does add fail\?\n/);
    assert.match(markdown, /\*\*read_file\*\* `\{"path":"src\/add.ts"\}`/);
    assert.match(markdown, /It subtracts\./);
  });

  it('refuses a file that is not a conversation and keeps the chat as it was', async () => {
    for (const [name, text] of [
      ['notes.json', 'just some notes'],
      ['other.json', '{"name":"package"}'],
      ['broken.json', JSON.stringify({ ...saved, messages: [{ role: 'robot', content: 'hi' }] })],
    ]) {
      assert.equal(await vscode.commands.executeCommand('ouro.importConversation', file(name, text)), undefined, name);
    }
    await exportAs('json', 'after.json');
    assert.equal(readFileSync(join(folder, 'after.json'), 'utf8'), readFileSync(join(folder, 'out.json'), 'utf8'));
  });
});

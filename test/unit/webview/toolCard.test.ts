// The tool cards as the user sees them while they wait: each thing said once.
import assert from 'node:assert/strict';
import { parseHTML } from 'linkedom';
import type { AgentEvent } from '../../../src/agent/events';
import type { HostMessage } from '../../../src/protocol/messages';
import { initialChatState, reduce, type ToolItem } from '../../../src/webview/chatState';
import { renderToolCard } from '../../../src/webview/view/toolCard';

const agent = (event: AgentEvent): HostMessage => ({ type: 'agent', event });

function cardAfter(messages: HostMessage[]): HTMLElement {
  const state = messages.reduce(reduce, initialChatState());
  const previous = globalThis.document;
  globalThis.document = parseHTML('<!DOCTYPE html><html><body></body></html>').document as unknown as Document;
  try {
    return renderToolCard(state.items.find((item): item is ToolItem => item.kind === 'tool')!);
  } finally {
    globalThis.document = previous;
  }
}

const occurrences = (text: string, part: string) => text.split(part).length - 1;
/** What shows without unfolding the card: its first line and what waits for an answer. */
const visibleText = (card: HTMLElement) => [...card.querySelectorAll('summary, .approval')].map((element) => element.textContent).join('\n');

describe('tool cards waiting for the user', () => {
  const path = 'src/components/settings/SettingsPanel.tsx';

  it('show an edit\'s path once, and the lines it adds and removes', () => {
    const card = cardAfter([
      agent({ type: 'tool_call', call: { id: 'e1', name: 'edit_file', arguments: JSON.stringify({ path, old_string: 'a', new_string: 'b' }) } }),
      agent({ type: 'approval_request', id: 'e1', toolCallId: 'e1', kind: 'edit', title: path, detail: `edit_file: ${path} (1 replacement)`, lines: { added: 12, removed: 3 } }),
      // The host's own word on the same wait comes after, without the counts.
      { type: 'pending', decision: { toolCallId: 'e1', kind: 'edit', title: path, detail: `edit_file: ${path} (1 replacement)` } },
    ]);
    assert.equal(occurrences(visibleText(card), path), 1, visibleText(card));
    assert.equal(card.querySelector('.line-counts')?.textContent, '+12 −3');
    assert.equal(card.querySelector('.line-counts')?.getAttribute('aria-label'), '12 lines added, 3 removed');
  });

  it('show why a protected edit asks although edits are auto-approved, whichever word on the wait comes last', () => {
    const why = ".vscode/settings.json is protected: it decides what runs later (the editor's settings and tasks, Ouro's allow rules among them).";
    const call = agent({ type: 'tool_call', call: { id: 'p1', name: 'write_file', arguments: JSON.stringify({ path: '.vscode/settings.json', content: '{}' }) } });
    const loops = agent({ type: 'approval_request', id: 'p1', toolCallId: 'p1', kind: 'edit', title: '.vscode/settings.json', detail: 'write_file: replace .vscode/settings.json (1 line)', lines: { added: 1, removed: 1 } });
    const hosts: HostMessage = { type: 'pending', decision: { toolCallId: 'p1', kind: 'edit', title: '.vscode/settings.json', detail: 'write_file: replace .vscode/settings.json (1 line)', protectedWhy: why } };
    for (const order of [[call, loops, hosts], [call, hosts, loops]]) {
      const card = cardAfter(order);
      assert.equal(card.querySelector('.approval-protected')?.textContent, why);
      assert.equal(card.querySelector('.line-counts')?.textContent, '+1 −1');
    }
    const plain = cardAfter([call, loops]);
    assert.equal(plain.querySelector('.approval-protected'), null, 'an ordinary edit says nothing of the kind');
  });

  it('show ask_user\'s question once, with its answers', () => {
    const question = 'Which database should the cache use?';
    const card = cardAfter([
      agent({ type: 'tool_call', call: { id: 'q1', name: 'ask_user', arguments: JSON.stringify({ question, options: ['Redis', 'SQLite'] }) } }),
      { type: 'pending', decision: { toolCallId: 'q1', kind: 'question', title: question, options: ['Redis', 'SQLite'] } },
    ]);
    assert.equal(occurrences(visibleText(card), question), 1, visibleText(card));
    assert.deepEqual([...card.querySelectorAll('.answer-option')].map((button) => button.textContent), ['Redis', 'SQLite']);
  });

  it('show a command once, in full, with the reason it asks', () => {
    const command = 'npm run build -- --watch';
    const card = cardAfter([
      agent({ type: 'tool_call', call: { id: 'c1', name: 'run_command', arguments: JSON.stringify({ command }) } }),
      agent({ type: 'approval_request', id: 'c1', toolCallId: 'c1', kind: 'execute', title: command, detail: `in . (asking because no allow rule covers \`${command}\`)` }),
    ]);
    assert.equal(card.querySelector('.approval-title')?.textContent, command);
    assert.equal(card.querySelector('summary .tool-target'), null);
  });

  it('offer a command\'s choices as its buttons, and Cancel, when staged changes are pending', () => {
    const choices = [{ id: 'keep', label: 'Keep these and run' }, { id: 'without', label: 'Run without them' }];
    const card = cardAfter([
      agent({ type: 'tool_call', call: { id: 'r1', name: 'run_command', arguments: JSON.stringify({ command: 'npm test' }) } }),
      { type: 'pending', decision: { toolCallId: 'r1', kind: 'execute', title: 'Run npm test?', detail: 'A staged change is not on disk yet: src/a.ts (+1 −1).', choices } },
      // The loop's event on the same wait, without the choices, comes after.
      agent({ type: 'approval_request', id: 'a1', toolCallId: 'r1', kind: 'execute', title: 'Run npm test?', detail: 'A staged change is not on disk yet: src/a.ts (+1 −1).' }),
    ]);
    const buttons = [...card.querySelectorAll('.approval-buttons button')];
    assert.deepEqual(buttons.map((button) => button.textContent), ['Keep these and run', 'Run without them', 'Cancel']);
    assert.deepEqual(buttons.map((button) => button.getAttribute('data-choice')), ['keep', 'without', null]);
    assert.equal(card.querySelector('button.always-allow'), null);
  });
});

import assert from 'node:assert/strict';
import type { TranscriptMessage } from '../../../src/protocol/messages';
import { Transcript } from '../../../src/host/chat/transcript';

describe('Transcript', () => {
  it('forwards every message as it arrives', () => {
    const forwarded: TranscriptMessage[] = [];
    const transcript = new Transcript((message) => forwarded.push(message));
    transcript.add({ type: 'agent', event: { type: 'text', delta: 'a' } });
    transcript.add({ type: 'agent', event: { type: 'text', delta: 'b' } });
    assert.equal(forwarded.length, 2);
  });

  it('keeps a streamed reply as one entry', () => {
    const transcript = new Transcript(() => {});
    transcript.add({ type: 'user', id: 'u', text: 'hi', attachments: [] });
    for (const delta of ['Hel', 'lo', ', world']) transcript.add({ type: 'agent', event: { type: 'text', delta } });
    transcript.add({ type: 'agent', event: { type: 'reasoning', delta: 'x' } });
    transcript.add({ type: 'agent', event: { type: 'reasoning', delta: 'y' } });
    transcript.add({ type: 'agent', event: { type: 'text', delta: '!' } });
    assert.deepEqual(transcript.all(), [
      { type: 'user', id: 'u', text: 'hi', attachments: [] },
      { type: 'agent', event: { type: 'text', delta: 'Hello, world' } },
      { type: 'agent', event: { type: 'reasoning', delta: 'xy' } },
      { type: 'agent', event: { type: 'text', delta: '!' } },
    ]);
  });

  it('does not let the forwarded messages change with later merges', () => {
    const forwarded: TranscriptMessage[] = [];
    const transcript = new Transcript((message) => forwarded.push(message));
    transcript.add({ type: 'agent', event: { type: 'text', delta: 'a' } });
    transcript.add({ type: 'agent', event: { type: 'text', delta: 'b' } });
    assert.deepEqual(forwarded[0], { type: 'agent', event: { type: 'text', delta: 'a' } });
  });

  it('starts over on replace, empty or with a saved chat, forwarding nothing', () => {
    const forwarded: TranscriptMessage[] = [];
    const transcript = new Transcript((message) => forwarded.push(message));
    transcript.add({ type: 'user', id: 'u', text: 'hi', attachments: [] });
    transcript.replace();
    assert.deepEqual(transcript.all(), []);
    const saved: TranscriptMessage[] = [{ type: 'user', id: 'v', text: 'again', attachments: [] }];
    transcript.replace(saved);
    saved.push({ type: 'agent', event: { type: 'text', delta: 'not in it' } });
    assert.deepEqual(transcript.all(), [{ type: 'user', id: 'v', text: 'again', attachments: [] }]);
    assert.equal(forwarded.length, 1);
  });
});

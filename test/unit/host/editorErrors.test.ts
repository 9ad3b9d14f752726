import assert from 'node:assert/strict';
import type { AgentEvent } from '../../../src/agent/events';
import { forEditor } from '../../../src/host/chat/editorErrors';

describe('forEditor (failures worded for the chat)', () => {
  const cliWorded = 'The API key was refused by http://127.0.0.1:9/v1 (401: bad key). Set a valid key: --api-key or OPENAI_API_KEY for the CLI, Ouro\'s API key setting in VS Code.';

  it('says a refused key once, in the editor\'s terms, without the CLI\'s flags', () => {
    const event = forEditor({ type: 'error', message: cliWorded, status: 401 }, 'm at http://127.0.0.1:9/v1 (with an API key)');
    assert.equal(event.type, 'error');
    const message = (event as Extract<AgentEvent, { type: 'error' }>).message;
    assert.equal(message.split('.')[0], 'The API key was refused (401) by m at http://127');
    assert.match(message, /Set API Key/);
    assert.doesNotMatch(message, /--api-key|OPENAI_API_KEY|CLI/);
    assert.equal(message.match(/refused/g)?.length, 1);
    assert.equal((event as Extract<AgentEvent, { type: 'error' }>).status, 401);
  });

  it('asks for a key when none was sent', () => {
    const event = forEditor({ type: 'error', message: cliWorded, status: 401 }, 'm at http://h/v1') as Extract<AgentEvent, { type: 'error' }>;
    assert.match(event.message, /^An API key is needed \(401\) for m at http:\/\/h\/v1\. Set one/);
  });

  it('words a 403 for the editor too', () => {
    const event = forEditor({ type: 'error', message: 'x refused access (403: no).', status: 403 }, 'http://h/v1') as Extract<AgentEvent, { type: 'error' }>;
    assert.match(event.message, /^Access refused \(403\) by http:\/\/h\/v1\./);
    assert.match(event.message, /ouro\.model/);
  });

  it('leaves other errors and events as they came', () => {
    const notFound: AgentEvent = { type: 'error', message: 'Not found (404).', status: 404 };
    const done: AgentEvent = { type: 'done', reason: 'error', message: cliWorded };
    assert.equal(forEditor(notFound, 'http://h/v1'), notFound);
    assert.equal(forEditor(done, 'http://h/v1'), done);
  });
});

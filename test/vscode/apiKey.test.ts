// The API key goes into VS Code's SecretStorage through the `ouro.setApiKey` command. The storage
// is reachable only from inside the extension, so the test reads it back through the command's
// own behaviour: a key can be removed only if it was stored.
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const setApiKey = (key: string) => vscode.commands.executeCommand<'saved' | 'removed' | 'unchanged'>('ouro.setApiKey', key);
const setSearchApiKey = (key: string) => vscode.commands.executeCommand<'saved' | 'removed' | 'unchanged'>('ouro.setSearchApiKey', key);

describe('ouro.setApiKey with the key as an argument', () => {
  after(async () => {
    await setApiKey('');
  });

  it('stores the key in secret storage, and removes it again when given an empty key', async () => {
    await setApiKey('');
    assert.equal(await setApiKey(''), 'unchanged', 'nothing was stored to begin with');
    assert.equal(await setApiKey('  sk-test-secret  '), 'saved');
    assert.equal(await setApiKey(''), 'removed', 'the key must have been in secret storage to be removed');
    assert.equal(await setApiKey(''), 'unchanged', 'the removal must have reached secret storage');
  });
});

describe('ouro.setSearchApiKey with the key as an argument', () => {
  after(async () => {
    await setSearchApiKey('');
    await setApiKey('');
  });

  it('stores the search key apart from the endpoint key', async () => {
    await setApiKey('');
    await setSearchApiKey('');
    assert.equal(await setSearchApiKey('brave-test-key'), 'saved');
    assert.equal(await setApiKey(''), 'unchanged', 'the search key must not land in the endpoint key');
    assert.equal(await setSearchApiKey(''), 'removed');
    assert.equal(await setSearchApiKey(''), 'unchanged');
  });
});

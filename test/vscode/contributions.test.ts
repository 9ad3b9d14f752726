// What VS Code itself sees of Ouro once it is loaded: the view, the commands with their titles,
// menus and keybinding, and the settings with their defaults (the UI contract).
import assert from 'node:assert/strict';
import * as vscode from 'vscode';

const EXTENSION_ID = 'ouro-dev.ouro';

interface CommandContribution {
  command: string;
  title: string;
  category?: string;
  icon?: string;
}
interface MenuItem {
  command: string;
  when?: string;
  group?: string;
}
interface Manifest {
  contributes: {
    commands: CommandContribution[];
    menus: Record<string, MenuItem[]>;
    keybindings: Array<{ command: string; key: string; mac?: string; when?: string }>;
    configuration: { properties: Record<string, unknown> };
    configurationDefaults?: Record<string, unknown>;
  };
}

const COMMAND_TITLES: Record<string, string> = {
  'ouro.newChat': 'New Chat',
  'ouro.stop': 'Stop',
  'ouro.setApiKey': 'Set API Key',
  'ouro.setSearchApiKey': 'Set Search API Key',
  'ouro.focusChat': 'Focus Chat',
  'ouro.chooseModel': 'Choose Model',
  'ouro.testConnection': 'Test Connection',
  'ouro.showHistory': 'Show History',
  'ouro.exportConversation': 'Export Conversation...',
  'ouro.importConversation': 'Import Conversation...',
  'ouro.askAboutFile': 'Ask Ouro about this file',
  'ouro.askAboutSelection': 'Ask Ouro about the selection',
  'ouro.acceptProposal': 'Keep all changes',
  'ouro.rejectProposal': 'Undo all changes',
  'ouro.nextHunk': 'Next Change',
  'ouro.keepHunk': 'Keep This Change',
  'ouro.undoHunk': 'Undo This Change',
  'ouro.reviewAtEnd': 'Review at the End',
  'ouro.reviewEachEdit': 'Review Each Edit',
  'ouro.changes.open': 'Open Changes',
  'ouro.changes.keep': 'Keep',
  'ouro.changes.undo': 'Undo',
  'ouro.changes.keepAll': 'Keep All Staged Changes',
  'ouro.changes.undoAll': 'Undo All Staged Changes',
  'ouro.sessions.new': 'New Session in a Worktree',
  'ouro.sessions.transcript': 'Open Session Transcript',
  'ouro.sessions.tryN': 'Try N Ways...',
  'ouro.sessions.refresh': 'Refresh Sessions',
  'ouro.sessions.review': 'Review Session',
  'ouro.sessions.apply': 'Apply Session to Workspace',
  'ouro.sessions.open': "Open Session's Worktree in New Window",
  'ouro.sessions.discard': 'Discard Session',
  'ouro.sessions.stop': 'Stop Session',
};

describe('Ouro as VS Code sees it', () => {
  let extension: vscode.Extension<unknown>;
  let manifest: Manifest;

  before(async () => {
    const found = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(found, `${EXTENSION_ID} is not loaded`);
    extension = found;
    manifest = extension.packageJSON as Manifest;
    await extension.activate();
  });

  it('opens the sample workspace for the tests', () => {
    assert.equal(vscode.workspace.workspaceFolders?.[0]?.name, 'sample-workspace');
  });

  it('activates without throwing', () => {
    assert.equal(extension.isActive, true);
  });

  it('registers every command of the contract once activated', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    const missing = Object.keys(COMMAND_TITLES).filter((id) => !registered.has(id));
    assert.deepEqual(missing, []);
  });

  it('has the Ouro view container with the Chat view', async () => {
    const registered = new Set(await vscode.commands.getCommands(true));
    // VS Code generates these commands for every view container and view.
    assert.ok(registered.has('workbench.view.extension.ouro'), 'no view container with id "ouro"');
    assert.ok(registered.has('ouro.chat.focus'), 'no view with id "ouro.chat"');
    assert.ok(registered.has('ouro.changes.focus'), 'no view with id "ouro.changes"');
    assert.ok(registered.has('ouro.sessions.focus'), 'no view with id "ouro.sessions"');
  });

  it('toggles the review flow from the chat\'s title bar, showing the way it is not in', async () => {
    const title = manifest.contributes.menus['view/title'] ?? [];
    assert.match(title.find((m) => m.command === 'ouro.reviewAtEnd')?.when ?? '', /view == ouro\.chat && ouro\.reviewFlow != end/);
    assert.match(title.find((m) => m.command === 'ouro.reviewEachEdit')?.when ?? '', /view == ouro\.chat && ouro\.reviewFlow == end/);
    const config = () => vscode.workspace.getConfiguration('ouro');
    try {
      await vscode.commands.executeCommand('ouro.reviewAtEnd');
      assert.equal(config().get('review.flow'), 'end');
      await vscode.commands.executeCommand('ouro.reviewEachEdit');
      assert.equal(config().get('review.flow'), 'each');
    } finally {
      await config().update('review.flow', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('puts Keep and Undo on each staged file, Keep All and Undo All in the Changes panel\'s title', () => {
    const inline = (manifest.contributes.menus['view/item/context'] ?? []).filter((m) => m.group?.startsWith('inline') && m.when?.includes('view == ouro.changes'));
    assert.deepEqual(inline.map((m) => m.command), ['ouro.changes.keep', 'ouro.changes.undo']);
    const title = (manifest.contributes.menus['view/title'] ?? []).filter((m) => m.when?.includes('view == ouro.changes'));
    assert.deepEqual(title.map((m) => m.command), ['ouro.changes.keepAll', 'ouro.changes.undoAll']);
  });

  it('puts Review, Apply and Discard on a finished worktree session, Stop and Review on a running one', () => {
    const inline = (manifest.contributes.menus['view/item/context'] ?? []).filter((m) => m.group?.startsWith('inline') && m.when?.includes('view == ouro.sessions'));
    const matches = (when: string, viewItem: string) => {
      const pattern = /viewItem =~ \/(.+)\//.exec(when);
      return pattern ? new RegExp(pattern[1]).test(viewItem) : /viewItem == (\w+)/.exec(when)?.[1] === viewItem;
    };
    const shown = (viewItem: string) => inline.filter((m) => matches(m.when ?? '', viewItem)).map((m) => m.command);
    assert.deepEqual(shown('worktreeSessionFinished'), ['ouro.sessions.review', 'ouro.sessions.apply', 'ouro.sessions.discard']);
    assert.deepEqual(shown('worktreeSessionRunning'), ['ouro.sessions.stop', 'ouro.sessions.review']);
    assert.deepEqual(shown('worktreeSessionGone'), ['ouro.sessions.discard']);
  });

  it('titles every command as the palette shows it, under the Ouro category', () => {
    for (const [id, title] of Object.entries(COMMAND_TITLES)) {
      const contribution = manifest.contributes.commands.find((c) => c.command === id);
      assert.ok(contribution, `${id} is not contributed`);
      assert.equal(contribution.title, title, id);
      assert.equal(contribution.category, 'Ouro', id);
    }
  });

  it('binds Focus Chat to Ctrl+Alt+O (Cmd+Alt+O on macOS)', () => {
    const binding = manifest.contributes.keybindings.find((k) => k.command === 'ouro.focusChat');
    assert.ok(binding, 'no keybinding for ouro.focusChat');
    assert.equal(binding.key.toLowerCase(), 'ctrl+alt+o');
    assert.equal(binding.mac?.toLowerCase(), 'cmd+alt+o');
  });

  it('binds Next Change, Keep This Change and Undo This Change only while a diff with per-change review is in front', () => {
    const expected: Array<[string, string, string]> = [
      ['ouro.nextHunk', 'ctrl+alt+n', 'cmd+alt+n'],
      ['ouro.keepHunk', 'ctrl+alt+enter', 'cmd+alt+enter'],
      ['ouro.undoHunk', 'ctrl+alt+z', 'cmd+alt+z'],
    ];
    for (const [id, key, mac] of expected) {
      const binding = manifest.contributes.keybindings.find((k) => k.command === id);
      assert.ok(binding, `no keybinding for ${id}`);
      assert.deepEqual([binding.key, binding.mac, binding.when], [key, mac, 'ouro.hunkReview']);
    }
    // The Keep and Undo lenses need CodeLens in diff editors, which VS Code turns off by default.
    assert.equal(manifest.contributes.configurationDefaults?.['diffEditor.codeLens'], true);
    assert.equal(vscode.workspace.getConfiguration('diffEditor').get('codeLens'), true);
  });

  it('puts Keep all changes and Undo all changes in the title bar of proposal diffs only, with codicons', () => {
    const title = manifest.contributes.menus['editor/title'] ?? [];
    for (const [id, icon] of [['ouro.acceptProposal', '$(check)'], ['ouro.rejectProposal', '$(close)']]) {
      const item = title.find((m) => m.command === id);
      assert.ok(item, `${id} is not in editor/title`);
      assert.match(item.when ?? '', /ouro-proposal/, `${id} shows outside proposal diffs`);
      assert.match(item.group ?? '', /^navigation/);
      assert.equal(manifest.contributes.commands.find((c) => c.command === id)?.icon, icon);
    }
  });

  it('offers "Ask Ouro about this file" in the explorer and editor context menus', () => {
    for (const menu of ['explorer/context', 'editor/context', 'editor/title/context']) {
      assert.ok((manifest.contributes.menus[menu] ?? []).some((m) => m.command === 'ouro.askAboutFile'), `missing in ${menu}`);
    }
    const selection = (manifest.contributes.menus['editor/context'] ?? []).find((m) => m.command === 'ouro.askAboutSelection');
    assert.ok(selection, 'ouro.askAboutSelection is not in editor/context');
    assert.match(selection.when ?? '', /editorHasSelection/);
  });

  it('declares the settings with the documented defaults', () => {
    const config = vscode.workspace.getConfiguration('ouro');
    const defaults: Record<string, unknown> = {
      baseUrl: '',
      model: '',
      maxSteps: 50,
      'autoApprove.edits': false,
      'autoApprove.reads': true,
      allowSecretFiles: false,
      provider: 'openai',
      toolMode: {},
      'review.flow': 'each',
      checks: [],
      checksBeforeDone: true,
      'worktrees.folder': '',
      'worktrees.copy': [],
    };
    for (const [key, value] of Object.entries(defaults)) {
      assert.deepEqual(config.inspect(key)?.defaultValue, value, `ouro.${key}`);
    }
  });

  it('keeps no API key in the settings (it belongs in SecretStorage)', () => {
    const properties = Object.keys(manifest.contributes.configuration.properties);
    assert.deepEqual(properties.filter((key) => /api.?key|token|password/i.test(key)), []);
  });
});

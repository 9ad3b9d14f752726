// The diff review with the real editor: the proposal opens in VS Code's diff editor, the user
// may edit it, and accepting writes it as an undoable WorkspaceEdit. This file runs in an editor
// where Ouro itself is not loaded (`.standalone.test.ts`), so it can register its own
// `ouro-proposal:` file system: VS Code allows one provider per scheme.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Proposal, ProposalOutcome } from '../../src/agent/workspace/workspace';
import type { TranscriptMessage } from '../../src/protocol/messages';
import { PendingDecisions, STOPPED_REASON } from '../../src/host/chat/decisions';
import { DiffReview } from '../../src/host/review/diffReview';
import { NewFileEditor } from '../../src/host/review/newFileEditor';
import { PROPOSAL_SCHEME, ProposalFileSystem } from '../../src/host/review/proposalFileSystem';
import { VsCodeWorkspace } from '../../src/host/workspace/vscodeWorkspace';

const MATH = 'src/math.js';
const BUGGY_LINE = 'for (let i = 1; i < numbers.length; i++) {';
const FIXED_LINE = 'for (let i = 0; i < numbers.length; i++) {';

/** Tabs that show a proposal on its own, as a new file's is. */
function newFileTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.scheme === PROPOSAL_SCHEME);
}

function proposalTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((group) => group.tabs).filter((tab) => tab.input instanceof vscode.TabInputTextDiff && tab.input.modified.scheme === PROPOSAL_SCHEME);
}

async function until<T>(what: string, probe: () => T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('The diff review in VS Code', () => {
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const mathFile = path.join(root, MATH);
  const transcript: TranscriptMessage[] = [];
  /** What src/math.js held when the chat was told of each decision. */
  const diskWhenDecided = new Map<string, string>();
  const disposables: vscode.Disposable[] = [];
  let decisions: PendingDecisions;
  let workspace: VsCodeWorkspace;
  let review: DiffReview;
  let newFiles: NewFileEditor;
  let original: string;
  let calls = 0;

  const proposal = (overrides: Partial<Proposal> = {}): Proposal => ({
    path: MATH,
    content: original.replace(BUGGY_LINE, FIXED_LINE),
    original,
    summary: 'edit_file: src/math.js (1 replacement)',
    toolCallId: `call_review_${++calls}`,
    ...overrides,
  });

  /** Proposes, and resolves once the diff is open and the decision is waiting. */
  async function propose(p: Proposal, signal?: AbortSignal): Promise<{ outcome: Promise<ProposalOutcome>; tab: vscode.Tab }> {
    const outcome = workspace.propose(p, signal);
    await until('the decision to wait for the user', () => (decisions.has(p.toolCallId) ? true : undefined));
    const tab = await until('the proposal diff', () => proposalTabs()[0]);
    return { outcome, tab };
  }

  before(() => {
    assert.equal(vscode.extensions.getExtension('ouro-dev.ouro'), undefined, 'Ouro is loaded here: this file must run without it');
    const files = new ProposalFileSystem();
    const log = vscode.window.createOutputChannel('Ouro diff review tests', { log: true });
    disposables.push(files, log, vscode.workspace.registerFileSystemProvider(PROPOSAL_SCHEME, files, { isCaseSensitive: true }));
    decisions = new PendingDecisions((message) => {
      transcript.push(message);
      if (message.type === 'decided') diskWhenDecided.set(message.toolCallId, fs.readFileSync(mathFile, 'utf8'));
    });
    newFiles = new NewFileEditor();
    review = new DiffReview(files, decisions, log, newFiles);
    disposables.push(review);
    workspace = new VsCodeWorkspace(review, () => ({ autoApproveEdits: false, allowSecretFiles: false }));
    original = fs.readFileSync(mathFile, 'utf8');
  });

  afterEach(async () => {
    decisions.rejectAll('test over');
    // Every file a test left unsaved (an undo leaves math.js so) is reverted, not only the active
    // editor's: a dirty math.js makes the next proposal a conflict.
    for (const document of vscode.workspace.textDocuments.filter((candidate) => candidate.isDirty && candidate.uri.scheme === 'file')) {
      await vscode.window.showTextDocument(document);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
    await until('no file left unsaved', () => (vscode.workspace.textDocuments.some((document) => document.isDirty && document.uri.scheme === 'file') ? undefined : true));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(mathFile, original);
    fs.rmSync(path.join(root, 'notes'), { recursive: true, force: true });
    transcript.length = 0;
  });

  after(() => {
    for (const disposable of disposables) disposable.dispose();
  });

  it("opens the file and the proposal side by side, titled \"<path> ↔ Ouro's proposal\"", async () => {
    const p = proposal();
    const { outcome, tab } = await propose(p);
    const input = tab.input as vscode.TabInputTextDiff;
    assert.equal(tab.label, "src/math.js ↔ Ouro's proposal");
    assert.equal(input.original.toString(), vscode.Uri.file(mathFile).toString());
    const right = await vscode.workspace.openTextDocument(input.modified);
    assert.equal(right.getText(), p.content);
    assert.ok(transcript.some((m) => m.type === 'pending' && m.decision.toolCallId === p.toolCallId && m.decision.kind === 'edit'), 'the chat was not asked');
    assert.equal(fs.readFileSync(mathFile, 'utf8'), original, 'written before the user decided');
    decisions.decide(p.toolCallId, { accepted: false });
    await outcome;
  });

  it('says Accepted at once, writes the proposal, closes the diff, and the edit can be undone', async () => {
    const p = proposal();
    const { outcome } = await propose(p);
    decisions.decide(p.toolCallId, { accepted: true });
    assert.deepEqual(await outcome, { status: 'accepted', content: p.content, userModified: false });
    assert.equal(fs.readFileSync(mathFile, 'utf8'), p.content);
    const told = transcript.filter((m) => m.type === 'decided' && m.toolCallId === p.toolCallId);
    assert.deepEqual(told, [{ type: 'decided', toolCallId: p.toolCallId, accepted: true, note: 'Accepted' }]);
    assert.equal(diskWhenDecided.get(p.toolCallId), original, 'the chat heard "Accepted" only after the write');
    await until('the diff to close', () => (proposalTabs().length === 0 ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 500));
    const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs).map((tab) => tab.label);
    assert.deepEqual(tabs, [], 'an editor opened');

    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(mathFile));
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), original);
  });

  it("writes the user's version when they edited the proposal, and says so", async () => {
    const p = proposal();
    const { outcome, tab } = await propose(p);
    const right = await vscode.workspace.openTextDocument((tab.input as vscode.TabInputTextDiff).modified);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(right.uri, right.positionAt(right.getText().length), '// Reviewed.\n');
    assert.ok(await vscode.workspace.applyEdit(edit), 'the proposal is not editable');
    decisions.decide(p.toolCallId, { accepted: true });
    const result = await outcome;
    assert.deepEqual(result, { status: 'accepted', content: `${p.content}// Reviewed.\n`, userModified: true });
    assert.equal(fs.readFileSync(mathFile, 'utf8'), `${p.content}// Reviewed.\n`);
  });

  it('leaves the file untouched when rejected, and passes the reason on', async () => {
    const p = proposal();
    const { outcome } = await propose(p);
    decisions.decide(p.toolCallId, { accepted: false, reason: 'keep it' });
    assert.deepEqual(await outcome, { status: 'rejected', reason: 'keep it' });
    assert.equal(fs.readFileSync(mathFile, 'utf8'), original);
    await until('the diff to close', () => (proposalTabs().length === 0 ? true : undefined));
    assert.ok(transcript.some((m) => m.type === 'decided' && m.toolCallId === p.toolCallId && !m.accepted));
  });

  it('does not overwrite a file that changed on disk while the proposal was open', async () => {
    const p = proposal();
    const { outcome } = await propose(p);
    fs.writeFileSync(mathFile, `${original}// changed elsewhere\n`);
    decisions.decide(p.toolCallId, { accepted: true });
    assert.equal((await outcome).status, 'conflict');
    assert.equal(fs.readFileSync(mathFile, 'utf8'), `${original}// changed elsewhere\n`);
  });

  /** Proposes a new file, and resolves once its editor is open and the decision is waiting. */
  async function proposeNewFile(p: Proposal): Promise<{ outcome: Promise<ProposalOutcome>; editor: vscode.TextEditor }> {
    const outcome = workspace.propose(p);
    await until('the decision to wait for the user', () => (decisions.has(p.toolCallId) ? true : undefined));
    const tab = await until('the new file tab', () => newFileTabs()[0]);
    const uri = (tab.input as vscode.TabInputText).uri.toString();
    const editor = await until('the new file editor', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri));
    return { outcome, editor };
  }

  it('shows a new file as the proposal itself in a normal editor, every line shaded as added, and creates it exactly when accepted', async () => {
    const content = '# To do\n\n- write the notes\n';
    const p = proposal({ path: 'notes/todo.md', content, original: undefined });
    const { outcome, editor } = await proposeNewFile(p);
    assert.deepEqual(proposalTabs(), [], 'a new file opened as a diff');
    const [tab] = newFileTabs();
    assert.equal(tab.isPreview, false);
    assert.equal(editor.document.getText(), content);
    assert.equal(editor.document.languageId, 'markdown');
    assert.deepEqual(
      newFiles.shaded(editor).map((range) => [range.start.line, range.end.line]),
      [[0, editor.document.lineCount - 1]],
    );
    assert.ok(transcript.some((m) => m.type === 'pending' && m.decision.toolCallId === p.toolCallId && m.decision.newFile === true), 'the card was not told it is a new file');
    assert.equal(fs.existsSync(path.join(root, 'notes/todo.md')), false, 'written before the user decided');

    decisions.decide(p.toolCallId, { accepted: true });
    assert.deepEqual(await outcome, { status: 'accepted', content, userModified: false });
    assert.equal(fs.readFileSync(path.join(root, 'notes/todo.md'), 'utf8'), content);
    await until('the new file tab to close', () => (newFileTabs().length === 0 ? true : undefined));
  });

  it("writes a new file as the person typed it, shades their lines too, and opens it again from the card", async () => {
    const p = proposal({ path: 'notes/todo.md', content: '# To do\n', original: undefined });
    const { outcome, editor } = await proposeNewFile(p);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(editor.document.uri, editor.document.positionAt(editor.document.getText().length), '- typed by hand\n- and this\n');
    assert.ok(await vscode.workspace.applyEdit(edit), 'the proposal is not editable');
    assert.deepEqual(
      newFiles.shaded(editor).map((range) => [range.start.line, range.end.line]),
      [[0, 3]],
    );
    // Saved into the proposal first: closing an unsaved tab would ask the person.
    assert.ok(await editor.document.save());
    await vscode.window.tabGroups.close(newFileTabs(), true);
    await until('the new file tab to close', () => (newFileTabs().length === 0 ? true : undefined));
    await review.show(p.toolCallId);
    await until('the new file tab to open again', () => newFileTabs()[0]);

    decisions.decide(p.toolCallId, { accepted: true });
    assert.deepEqual(await outcome, { status: 'accepted', content: '# To do\n- typed by hand\n- and this\n', userModified: true });
    assert.equal(fs.readFileSync(path.join(root, 'notes/todo.md'), 'utf8'), '# To do\n- typed by hand\n- and this\n');
    await until('the new file tab to close', () => (newFileTabs().length === 0 ? true : undefined));
  });

  it('closes the diff and writes nothing when the user stops the task', async () => {
    const stop = new AbortController();
    const p = proposal();
    const { outcome } = await propose(p, stop.signal);
    stop.abort();
    assert.deepEqual(await outcome, { status: 'rejected', reason: STOPPED_REASON });
    await until('the diff to close', () => (proposalTabs().length === 0 ? true : undefined));
    assert.equal(fs.readFileSync(mathFile, 'utf8'), original);
  });
});

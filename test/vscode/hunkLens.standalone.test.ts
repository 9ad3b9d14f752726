// Keep and Undo on each change of a proposal's diff, in the real editor: the lenses above each
// change, what clicking them does to the proposal and to the file, the keyboard commands at the
// cursor, and lenses that follow the person's typing. Runs without Ouro loaded (like the diff
// review's test) so it can register its own `ouro-proposal:` file system and the hunk commands.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Proposal, ProposalOutcome } from '../../src/agent/workspace/workspace';
import type { TranscriptMessage } from '../../src/protocol/messages';
import { PendingDecisions } from '../../src/host/chat/decisions';
import { HunkByHunkReview } from '../../src/host/review/hunkByHunkReview';
import { HunkLenses } from '../../src/host/review/hunkLens';
import { PROPOSAL_SCHEME, ProposalFileSystem } from '../../src/host/review/proposalFileSystem';
import { ALL_UNDONE_REASON, ProposalHunks } from '../../src/host/review/proposalHunks';
import { VsCodeWorkspace } from '../../src/host/workspace/vscodeWorkspace';

const MATH = 'src/math.js';

async function until<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The lenses of a document as the editor asks for them: [line, title] each. */
async function lensesOf(uri: vscode.Uri): Promise<Array<[number, string]>> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  return lenses.map((lens) => [lens.range.start.line, lens.command?.title ?? '']);
}

/** Runs the command of the lens titled `title` on `line` (0-based), as a click does. */
async function click(uri: vscode.Uri, line: number, title: string): Promise<void> {
  const lenses = (await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', uri)) ?? [];
  const lens = lenses.find((l) => l.range.start.line === line && l.command?.title.endsWith(title));
  assert.ok(lens?.command, `no "${title}" lens on line ${line + 1}`);
  await vscode.commands.executeCommand(lens.command.command, ...(lens.command.arguments ?? []));
}

describe('Keep and Undo on each change of a proposal', () => {
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const mathFile = path.join(root, MATH);
  const transcript: TranscriptMessage[] = [];
  const disposables: vscode.Disposable[] = [];
  let decisions: PendingDecisions;
  let workspace: VsCodeWorkspace;
  let original: string;
  let twoChanges: string;
  let calls = 0;

  /** Proposes a change to line 1 and one to line 5 of math.js; resolves once its diff is open. */
  async function propose(): Promise<{ p: Proposal; outcome: Promise<ProposalOutcome>; right: vscode.TextDocument; editor: vscode.TextEditor }> {
    const p: Proposal = { path: MATH, content: twoChanges, original, summary: 'edit_file: src/math.js', toolCallId: `call_hunks_${++calls}` };
    const outcome = workspace.propose(p);
    await until('the decision to wait for the user', () => (decisions.has(p.toolCallId) ? true : undefined));
    const editor = await until('the proposal side of the diff', () => vscode.window.visibleTextEditors.find((e) => e.document.uri.scheme === PROPOSAL_SCHEME));
    return { p, outcome, right: editor.document, editor };
  }

  before(() => {
    assert.equal(vscode.extensions.getExtension('ouro-dev.ouro'), undefined, 'Ouro is loaded here: this file must run without it');
    const files = new ProposalFileSystem();
    const log = vscode.window.createOutputChannel('Ouro hunk review tests', { log: true });
    decisions = new PendingDecisions((message) => transcript.push(message));
    const hunks = new ProposalHunks(decisions);
    const lenses = new HunkLenses();
    disposables.push(files, log, hunks, lenses, lenses.add(hunks), vscode.workspace.registerFileSystemProvider(PROPOSAL_SCHEME, files, { isCaseSensitive: true }));
    workspace = new VsCodeWorkspace(new HunkByHunkReview(files, decisions, log, hunks), () => ({ autoApproveEdits: false, allowSecretFiles: false }));
    original = fs.readFileSync(mathFile, 'utf8');
    twoChanges = original.replace('// Small number helpers', '// Number helpers').replace('let i = 1;', 'let i = 0;');
  });

  afterEach(async () => {
    decisions.rejectAll('test over');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(mathFile, original);
    transcript.length = 0;
  });

  after(() => {
    for (const disposable of disposables) disposable.dispose();
  });

  it('shows Keep and Undo above each change; Keep marks it kept, Undo puts back the original, and the last decision writes the file', async () => {
    const { p, outcome, right } = await propose();
    assert.deepEqual(await lensesOf(right.uri), [
      [0, '$(check) Keep'],
      [0, '$(discard) Undo'],
      [4, '$(check) Keep'],
      [4, '$(discard) Undo'],
    ]);

    await click(right.uri, 0, 'Keep');
    assert.deepEqual((await lensesOf(right.uri)).slice(0, 2), [
      [0, '$(pass-filled) Kept'],
      [0, '$(discard) Undo'],
    ]);
    assert.ok(decisions.has(p.toolCallId), 'decided with a change still open');

    await click(right.uri, 4, 'Undo');
    const expected = original.replace('// Small number helpers', '// Number helpers');
    assert.deepEqual(await outcome, { status: 'accepted', content: expected, userModified: true, undone: [1] });
    assert.equal(fs.readFileSync(mathFile, 'utf8'), expected);
    assert.ok(transcript.some((m) => m.type === 'decided' && m.toolCallId === p.toolCallId && m.note === 'Kept 1 of 2 changes'), 'the card does not say what was kept');
  });

  it('follows the person\'s typing: a line they add is a change of its own, with its lenses', async () => {
    const { outcome, right } = await propose();
    const edit = new vscode.WorkspaceEdit();
    edit.insert(right.uri, new vscode.Position(10, 0), '// Added by hand.\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    await until('three changes with lenses', async () => ((await lensesOf(right.uri)).length === 6 ? true : undefined));
    assert.deepEqual((await lensesOf(right.uri)).map(([line]) => line), [0, 0, 4, 4, 10, 10]);
    for (const line of [0, 4, 10]) await click(right.uri, line, 'Keep');
    const result = await outcome;
    assert.equal(result.status, 'accepted');
    assert.equal(fs.readFileSync(mathFile, 'utf8'), `${twoChanges.split('\n').slice(0, 10).join('\n')}\n// Added by hand.\n${twoChanges.split('\n').slice(10).join('\n')}`);
    assert.deepEqual(result.status === 'accepted' && result.undone, []);
  });

  it('moves to the next change and keeps or undoes the change at the cursor from the keyboard', async () => {
    const { outcome, editor } = await propose();
    await vscode.window.showTextDocument(editor.document, { viewColumn: editor.viewColumn });
    const cursorLine = () => vscode.window.activeTextEditor?.selection.active.line;
    // The cursor starts on the first change: the next one is the second.
    await vscode.commands.executeCommand('ouro.nextHunk');
    assert.equal(cursorLine(), 4);
    await vscode.commands.executeCommand('ouro.keepHunk');
    await vscode.commands.executeCommand('ouro.nextHunk');
    assert.equal(cursorLine(), 0, 'the next change wraps round to the first');
    await vscode.commands.executeCommand('ouro.undoHunk');
    const expected = original.replace('let i = 1;', 'let i = 0;');
    assert.deepEqual(await outcome, { status: 'accepted', content: expected, userModified: true, undone: [0] });
    assert.equal(fs.readFileSync(mathFile, 'utf8'), expected);
  });

  it('rejects the proposal, writing nothing, when every change was undone', async () => {
    const { p, outcome, right } = await propose();
    await click(right.uri, 4, 'Undo');
    await click(right.uri, 0, 'Undo');
    assert.deepEqual(await outcome, { status: 'rejected', reason: ALL_UNDONE_REASON });
    assert.equal(fs.readFileSync(mathFile, 'utf8'), original);
    assert.ok(transcript.some((m) => m.type === 'decided' && m.toolCallId === p.toolCallId && m.note === `Rejected: ${ALL_UNDONE_REASON}`));
  });
});

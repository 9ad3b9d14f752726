// Problems after an accepted edit, with the real editor's diagnostics events: the result waits
// only while a language server reports on the file (a diagnostic collection plays the server,
// reporting when the test says), and what is reported after the result went back reaches the
// model in a note. One case uses the JSON language server itself.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Proposal, ProposalOutcome } from '../../src/agent/workspace/workspace';
import { applyProposal } from '../../src/host/review/applyProposal';
import { DiffReview } from '../../src/host/review/diffReview';
import { withNewProblems } from '../../src/host/review/editProblems';
import { LateProblems } from '../../src/host/review/lateProblems';
import { VsCodeDiagnostics } from '../../src/host/review/vscodeDiagnostics';
import { VsCodeWorkspace } from '../../src/host/workspace/vscodeWorkspace';

const CAP_MS = 20_000;

async function until<T>(what: string, probe: () => T | undefined, ms = 15_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('problems after an accepted edit', function () {
  this.timeout(60_000);
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  // A file of its own for each test: a document the editor still holds would be stale when the next rewrites it.
  let file: string;
  let uri: vscode.Uri;
  let log: vscode.LogOutputChannel;
  let workspace: VsCodeWorkspace;
  let server: vscode.DiagnosticCollection;
  let late: LateProblems;
  let calls = 0;

  const error = (message: string, line = 0) => new vscode.Diagnostic(new vscode.Range(line, 0, line, 1), message, vscode.DiagnosticSeverity.Error);

  /** Writes `content` over `original` as an accepted edit, with the waits the editor uses (a long cap). */
  function edit(original: string, content: string, options: { quietMs?: number } = {}): Promise<ProposalOutcome> {
    const proposal: Proposal = { path: file, original, content, summary: 'edit', toolCallId: `problems_${++calls}` };
    return withNewProblems(new VsCodeDiagnostics(workspace), uri, file, () => applyProposal(uri, proposal, content), { capMs: CAP_MS, late, ...options });
  }

  before(() => {
    log = vscode.window.createOutputChannel('Ouro edit problems tests', { log: true });
    workspace = new VsCodeWorkspace(new DiffReview(undefined as never, undefined as never, log), () => ({ autoApproveEdits: true, allowSecretFiles: false }));
    server = vscode.languages.createDiagnosticCollection('edit-problems-test');
  });
  beforeEach(function () {
    file = `edit-problems-${this.currentTest?.title.split(' ')[0]}-${calls}.txt`;
    uri = vscode.Uri.file(path.join(root, file));
    fs.writeFileSync(uri.fsPath, 'one\n');
    server.clear();
    late = new LateProblems(new VsCodeDiagnostics(workspace));
  });
  afterEach(() => late.dispose());
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const name of fs.readdirSync(root)) if (name.startsWith('edit-problems')) fs.rmSync(path.join(root, name), { force: true });
    server.dispose();
    log.dispose();
  });

  it('does not wait for a clean file no server reports on, and opens no editor for it', async () => {
    const started = Date.now();
    const outcome = await edit('one\n', 'two\n');
    assert.deepEqual(outcome, { status: 'accepted', content: 'two\n', userModified: false });
    assert.ok(Date.now() - started < CAP_MS / 2, `waited ${Date.now() - started} ms for reports that never came`);
    assert.equal(fs.readFileSync(uri.fsPath, 'utf8'), 'two\n');
    assert.ok(!vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === uri.toString())), 'the edited file opened in a tab');
  });

  it('waits while the server reports on a file that had problems, until it goes quiet', async () => {
    server.set(uri, [error('old problem')]);
    // The server answers the write in two reports, the second with a new problem.
    const answering = vscode.workspace.onDidChangeTextDocument(async (event) => {
      if (event.document.uri.toString() !== uri.toString()) return;
      await delay(300);
      server.set(uri, [error('old problem')]);
      await delay(300);
      server.set(uri, [error('old problem'), error('new problem', 1)]);
    });
    try {
      const outcome = await edit('one\n', 'one\ntwo\n', { quietMs: 1000 });
      assert.equal(outcome.status, 'accepted');
      assert.match((outcome.status === 'accepted' && outcome.problems) || '', /edit-problems-[\w-]+\.txt:2:1 error new problem/);
      assert.doesNotMatch((outcome.status === 'accepted' && outcome.problems) || '', /old problem/);
    } finally {
      answering.dispose();
    }
  });

  it('waits for a clean file when a report on it comes in during the write', async () => {
    const answering = vscode.workspace.onDidChangeTextDocument((event) => {
      if (event.document.uri.toString() === uri.toString()) server.set(uri, [error('reported at once')]);
    });
    try {
      const outcome = await edit('one\n', 'two\n');
      assert.match((outcome.status === 'accepted' && outcome.problems) || '', /error reported at once/);
      assert.deepEqual(late.take(), [], 'told twice');
    } finally {
      answering.dispose();
    }
  });

  it('tells problems reported after the result in a note, once, and not those fixed before the note', async () => {
    const outcome = await edit('one\n', 'two\n');
    assert.equal(outcome.status === 'accepted' && outcome.problems, undefined);
    assert.deepEqual(late.take(), []);
    server.set(uri, [error('late problem')]);
    const notes = await until('the late problem', () => {
      const taken = late.take();
      return taken.length > 0 ? taken : undefined;
    });
    assert.equal(notes.length, 1);
    assert.match(notes[0], /^Problems showed up in edit-problems-[\w-]+\.txt after your edit's result; fix them: 1 error in edit-problems-[\w-]+\.txt:\n.*late problem/);
    assert.deepEqual(late.take(), [], 'told twice');

    await edit('two\n', 'three\n');
    server.set(uri, [error('fixed soon')]);
    await delay(200);
    server.set(uri, []);
    await delay(200);
    assert.deepEqual(late.take(), []);
  });

  it("brings the JSON server's error on a file the person has open to the model, on the result or in a note", async () => {
    const json = vscode.Uri.file(path.join(root, 'edit-problems.json'));
    fs.writeFileSync(json.fsPath, '{ "a": 1 }\n');
    await vscode.window.showTextDocument(json);
    const proposal: Proposal = { path: 'edit-problems.json', original: '{ "a": 1 }\n', content: '{ "a": 1 "b": 2 }\n', summary: 'add b', toolCallId: `problems_${++calls}` };
    const outcome = await withNewProblems(new VsCodeDiagnostics(workspace), json, proposal.path, () => applyProposal(json, proposal, proposal.content), { late });
    assert.equal(outcome.status, 'accepted');
    const told = (outcome.status === 'accepted' && outcome.problems) || (await until('a note from the JSON server', () => late.take()[0]));
    assert.match(told, /edit-problems\.json:1:\d+ error .*\(json\)/);
  });
});

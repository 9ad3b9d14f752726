// Review at the end in the editor: kept staged changes go in through the editor's workspace as
// one WorkspaceEdit per file (so the editor's Undo takes a file back), a new file is created,
// and a file changed on disk since it was staged stays staged.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { withPropose } from '../../src/agent/workspace/withPropose';
import { DiffReview } from '../../src/host/review/diffReview';
import { hunksOf } from '../../src/agent/review/hunks';
import { stagedUri } from '../../src/host/staged/stagedContent';
import { StagedHunkSource } from '../../src/host/staged/stagedHunkSource';
import { StagedReview } from '../../src/host/staged/stagedReview';
import { VsCodeWorkspace } from '../../src/host/workspace/vscodeWorkspace';

const MATH = 'src/math.js';
const BUGGY_LINE = 'for (let i = 1; i < numbers.length; i++) {';
const FIXED_LINE = 'for (let i = 0; i < numbers.length; i++) {';

describe('staged changes kept in the editor', () => {
  const root = vscode.workspace.workspaceFolders![0].uri.fsPath;
  const onDisk = (relative: string) => path.join(root, relative);
  let workspace: VsCodeWorkspace;
  let notes: string[];
  let review: StagedReview;
  let mathBefore: string;

  before(() => {
    const log = vscode.window.createOutputChannel('Ouro staged tests', { log: true });
    workspace = new VsCodeWorkspace(new DiffReview(undefined as never, undefined as never, log), () => ({ autoApproveEdits: false, allowSecretFiles: false }));
    mathBefore = fs.readFileSync(onDisk(MATH), 'utf8');
  });

  beforeEach(() => {
    notes = [];
    review = new StagedReview({ commitTarget: withPropose(workspace, (proposal) => workspace.applyKept(proposal)), persist: () => {}, note: (text) => notes.push(text) });
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    fs.writeFileSync(onDisk(MATH), mathBefore);
    fs.rmSync(onDisk('NEW.md'), { force: true });
  });

  const stage = (relative: string, content: string, original: string | undefined) => review.workspace.propose({ path: relative, content, original, summary: 'edit', toolCallId: `call-${relative}` });

  it('writes a kept file as one edit the editor can undo, without a review', async () => {
    await stage(MATH, mathBefore.replace(BUGGY_LINE, FIXED_LINE), mathBefore);
    assert.equal(fs.readFileSync(onDisk(MATH), 'utf8'), mathBefore, 'staging leaves the disk alone');
    const { outcome } = await review.keep(MATH);
    assert.equal(outcome.status, 'accepted');
    assert.equal(fs.readFileSync(onDisk(MATH), 'utf8'), mathBefore.replace(BUGGY_LINE, FIXED_LINE));
    assert.match(notes[0], /kept 1 \(1\), undid none/);

    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(onDisk(MATH)));
    await vscode.window.showTextDocument(document);
    await vscode.commands.executeCommand('undo');
    assert.equal(document.getText(), mathBefore, 'one Undo takes the whole file back');
  });

  it('creates a kept new file', async () => {
    await stage('NEW.md', '# New\n', undefined);
    assert.deepEqual(review.pending().map((file) => [file.path, file.isNew]), [['NEW.md', true]]);
    await review.keepAll();
    assert.equal(fs.readFileSync(onDisk('NEW.md'), 'utf8'), '# New\n');
    assert.deepEqual(review.pending(), []);
  });

  it('leaves a file changed on disk since it was staged staged, and the disk as the person left it', async () => {
    await stage(MATH, mathBefore.replace(BUGGY_LINE, FIXED_LINE), mathBefore);
    fs.writeFileSync(onDisk(MATH), '// mine\n');
    const { outcome, report } = await review.keep(MATH);
    assert.equal(outcome.status, 'conflict');
    assert.match(report, /they stay staged/);
    assert.equal(fs.readFileSync(onDisk(MATH), 'utf8'), '// mine\n');
    assert.deepEqual(review.pending().map((file) => file.path), [MATH]);
  });

  it("keeps one change of a staged file and undoes the other by their lenses' commands, writing the file once every change is decided", async () => {
    const twoChanges = mathBefore.replace(BUGGY_LINE, FIXED_LINE).replace(/\n$/, '\n// checked\n');
    await stage(MATH, twoChanges, mathBefore);
    const errors: unknown[] = [];
    const source = new StagedHunkSource(review, (error) => errors.push(error));
    const uri = stagedUri(MATH);
    assert.ok(source.handles(uri));
    assert.equal(source.handles(stagedUri(MATH, 'before')), false, 'the left side has no lenses');
    const [fix, added] = hunksOf(source.original(uri), twoChanges);
    await source.decide(uri, added, false);
    assert.ok(source.isUndone(uri, added));
    assert.equal(fs.readFileSync(onDisk(MATH), 'utf8'), mathBefore, 'nothing is written while a change is undecided');
    await source.decide(uri, fix, true);
    assert.deepEqual(errors, []);
    assert.equal(fs.readFileSync(onDisk(MATH), 'utf8'), mathBefore.replace(BUGGY_LINE, FIXED_LINE));
    assert.deepEqual(review.pending(), []);
    assert.match(notes[0], /kept 1 \(1\), undid 1 \(2\)/);
    source.dispose();
  });
});

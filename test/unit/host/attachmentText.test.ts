import assert from 'node:assert/strict';
import { attachmentLabel, clipContent, composeUserMessage, MAX_ATTACHMENT_CHARS, splitUserMessage } from '../../../src/host/chat/attachmentText';

describe('attachments in the user message', () => {
  it('labels a file by its path and a selection by its lines', () => {
    assert.equal(attachmentLabel({ path: 'src/a.ts' }), 'src/a.ts');
    assert.equal(attachmentLabel({ path: 'src/a.ts', startLine: 3, endLine: 10 }), 'src/a.ts:3-10');
    assert.equal(attachmentLabel({ path: 'src/a.ts', startLine: 7, endLine: 7 }), 'src/a.ts:7');
  });

  it('sends the text alone when nothing is attached', () => {
    assert.equal(composeUserMessage('fix it', []), 'fix it');
  });

  it('puts the attached content after the request, in a fence named by language', () => {
    const message = composeUserMessage('What does this do?', [{ id: 'a1', path: 'src/math.js', content: 'export const x = 1;\n', language: 'javascript' }]);
    assert.equal(message, 'What does this do?\n\nAttached: the file src/math.js\n```javascript\nexport const x = 1;\n```');
  });

  it('says which lines a selection is', () => {
    const message = composeUserMessage('why?', [{ id: 'a1', path: 'src/a.ts', content: 'b()', startLine: 4, endLine: 6 }]);
    assert.match(message, /^Attached: lines 4-6 of src\/a\.ts$/m);
    assert.match(message, /\nb\(\)\n```$/);
  });

  it('uses a fence longer than any backtick run in the content', () => {
    const content = 'Some docs\n````md\n```js\nx\n```\n````\n';
    const message = composeUserMessage('read this', [{ id: 'a1', path: 'README.md', content }]);
    assert.ok(message.includes(`\`\`\`\`\`\n${content}\`\`\`\`\``));
  });

  it('asks about the attachment when the user typed nothing', () => {
    assert.match(composeUserMessage('  ', [{ id: 'a1', path: 'a.py', content: 'pass' }]), /^Please look at the attached code\./);
  });

  it('cuts very large content and tells the model how to read the rest', () => {
    const clipped = clipContent('x'.repeat(MAX_ATTACHMENT_CHARS + 10));
    assert.equal(clipped.truncated, true);
    assert.equal(clipped.content.length, MAX_ATTACHMENT_CHARS);
    const message = composeUserMessage('look', [{ id: 'a1', path: 'big.txt', ...clipped }]);
    assert.match(message, /read the rest with read_file/);
    assert.deepEqual(clipContent('small'), { content: 'small', truncated: false });
  });

  it('names a mentioned folder as a folder, and reads its label back for a rebuilt chat', () => {
    const message = composeUserMessage('what is here?', [{ id: 'a1', path: 'src', content: 'src/a.ts\nsrc/b/', folder: true }]);
    assert.equal(message, 'what is here?\n\nAttached: the folder src\n```\nsrc/a.ts\nsrc/b/\n```');
    assert.deepEqual(splitUserMessage(message), { text: 'what is here?', attachments: ['src'] });
  });

  it("heads what the editor knows with its mention, and reads it back", () => {
    const message = composeUserMessage('fix these', [{ id: 'a1', path: '', mention: '@problems', content: '1 error in the workspace:\nsrc/a.ts:1:1 error x' }]);
    assert.equal(message, 'fix these\n\nAttached: @problems\n```\n1 error in the workspace:\nsrc/a.ts:1:1 error x\n```');
    assert.equal(attachmentLabel({ path: '', mention: '@problems' }), '@problems');
    assert.deepEqual(splitUserMessage(message), { text: 'fix these', attachments: ['@problems'] });
  });
});

import { strict as assert } from 'node:assert';
import { droppedUris } from '../../../src/webview/uriList';
import { attachmentIcon } from '../../../src/webview/view/attachmentIcons';

/** The part of a drop's DataTransfer the chat reads. */
const dropped = (data: Record<string, string>) => ({ getData: (type: string) => data[type] ?? '' }) as unknown as DataTransfer;

describe('Files dropped on the chat', () => {
  it("reads VS Code's uri-list first, one URI a line, comments and blank lines skipped", () => {
    const data = dropped({ 'application/vnd.code.uri-list': 'file:///w/src/a.ts\r\n# a comment\r\n\r\nfile:///w/docs\r\n', 'text/uri-list': 'file:///other' });
    assert.deepEqual(droppedUris(data), ['file:///w/src/a.ts', 'file:///w/docs']);
  });

  it('falls back to text/uri-list, and finds nothing in a drop without URIs', () => {
    assert.deepEqual(droppedUris(dropped({ 'text/uri-list': 'file:///w/a.ts' })), ['file:///w/a.ts']);
    assert.deepEqual(droppedUris(dropped({ 'text/plain': 'hello' })), []);
    assert.deepEqual(droppedUris(null), []);
  });

  it('draws what the editor knows by its mention, else a file or a folder', () => {
    assert.equal(attachmentIcon('@problems'), 'warning');
    assert.equal(attachmentIcon('@url https://example.com'), 'globe');
    assert.equal(attachmentIcon('src/a.ts:3-9'), 'file');
    assert.equal(attachmentIcon('src', true), 'folder');
  });
});

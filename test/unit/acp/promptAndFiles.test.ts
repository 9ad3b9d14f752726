// A prompt's content blocks as the user's message, and file contents through the editor.
import { strict as assert } from 'node:assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { editorFileAccess } from '../../../src/cli/acp/clientFiles';
import { promptText } from '../../../src/cli/acp/promptText';

describe('a prompt from the editor', () => {
  it('keeps text, names linked files by their workspace path, and tags embedded context with its source', () => {
    const text = promptText(
      [
        { type: 'text', text: 'Explain' },
        { type: 'resource_link', uri: pathToFileURL('/w/src/a.ts').href, name: 'a.ts' },
        { type: 'resource', resource: { uri: pathToFileURL('/w/src/b.ts').href, text: 'const b = 1;' } },
        { type: 'image', data: 'AAAA', mimeType: 'image/png' },
      ],
      '/w',
    );
    assert.equal(text, 'Explain\n@src/a.ts\n<context source="src/b.ts">\nconst b = 1;\n</context>\n(an image was attached, but this agent cannot take images)');
  });
});

describe('files through the editor', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'ouro-acp-files-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads text from the editor, but a binary file from the disk, which the editor\'s text cannot carry', async () => {
    writeFileSync(join(dir, 'a.txt'), 'on disk');
    writeFileSync(join(dir, 'b.bin'), Buffer.from([0, 1, 2]));
    const asked: string[] = [];
    const files = editorFileAccess({ readTextFile: async (path) => (asked.push(path), 'in the buffer') });
    assert.equal(Buffer.from(await files.read(join(dir, 'a.txt'))).toString(), 'in the buffer');
    assert.deepEqual([...(await files.read(join(dir, 'b.bin')))], [0, 1, 2]);
    assert.deepEqual(asked, [join(dir, 'a.txt')]);
  });

  it('writes through the editor without the byte-order mark, and to the disk when the editor does not write', async () => {
    const written: Array<[string, string]> = [];
    await editorFileAccess({ writeTextFile: async (path, content) => void written.push([path, content]) }).write(join(dir, 'a.txt'), '\uFEFFhello');
    assert.deepEqual(written, [[join(dir, 'a.txt'), 'hello']]);
    await editorFileAccess({}).write(join(dir, 'c.txt'), 'on disk');
    assert.equal(readFileSync(join(dir, 'c.txt'), 'utf8'), 'on disk');
  });
});

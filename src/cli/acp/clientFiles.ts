// File contents through the editor, where it offers them (`fs/read_text_file`,
// `fs/write_text_file`): reads see its unsaved buffers, and it applies writes itself. The
// workspace has already checked each path (inside the workspace, symlinks resolved, not ignored)
// before it gets here. A file that is not text on disk (an image, a binary) is read from the disk:
// the editor's text methods cannot carry it.
import { readFile } from 'node:fs/promises';
import { diskFiles, type FileAccess } from '../../agent/workspace/fileAccess';
import { BOM, decodeText, encodeText } from '../../agent/workspace/text';

/** What the editor can do with files, by the capabilities it advertised. */
export interface EditorFiles {
  readTextFile?(path: string): Promise<string>;
  writeTextFile?(path: string, content: string): Promise<void>;
}

export function editorFileAccess(editor: EditorFiles): FileAccess {
  const { readTextFile, writeTextFile } = editor;
  return {
    read: async (path) => {
      if (!readTextFile) return diskFiles.read(path);
      const onDisk = await readFile(path).catch(() => undefined);
      if (onDisk && decodeText(onDisk).kind !== 'text') return onDisk;
      return encodeText(await readTextFile(path));
    },
    write: (path, content) => (writeTextFile ? writeTextFile(path, content.startsWith(BOM) ? content.slice(BOM.length) : content) : diskFiles.write(path, content)),
  };
}

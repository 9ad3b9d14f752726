// Where a NodeWorkspace reads and writes a file's content once the locator has checked its path
// (inside the workspace, symlinks resolved, not ignored): the disk, or an editor that holds the
// file's unsaved text and applies writes itself (the Agent Client Protocol's fs methods).
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './atomicWrite';
import { encodeText } from './text';

export interface FileAccess {
  /** The file's bytes; rejects when there is no such file. `path` is absolute and checked. */
  read(path: string): Promise<Uint8Array>;
  /** Writes the whole file; `content` keeps a UTF-8 byte-order mark as a leading U+FEFF. */
  write(path: string, content: string): Promise<void>;
}

export const diskFiles: FileAccess = {
  read: (path) => readFile(path),
  write: (path, content) => writeFileAtomic(path, encodeText(content)),
};

// The storage port of the conversation history: files in one folder, by name. The extension backs
// it with vscode.workspace.fs on its workspace storage; the CLI and the tests with Node's fs.
// It is this small so that each implementation is obviously right: atomic saves are built on it
// (write a temp file, then rename it over the old one), not expected of it.

export interface HistoryStorage {
  /** The file's text, or undefined when there is no such file. */
  read(name: string): Promise<string | undefined>;
  write(name: string, text: string): Promise<void>;
  /** The file's bytes (a saved image), or undefined when there is no such file. */
  readBytes(name: string): Promise<Uint8Array | undefined>;
  writeBytes(name: string, bytes: Uint8Array): Promise<void>;
  /** Replaces `to` if it exists. */
  rename(from: string, to: string): Promise<void>;
  /** The names of the files in the folder (none when the folder does not exist yet). */
  list(): Promise<string[]>;
  /** Nothing happens when there is no such file. */
  delete(name: string): Promise<void>;
}

/** Writes `name` so that readers find the old text or the new, never half: a temp file, then a rename over it. */
export async function writeAtomically(storage: HistoryStorage, name: string, text: string): Promise<void> {
  const temp = `.${name}.${Math.random().toString(36).slice(2, 10)}.tmp`;
  await storage.write(temp, text);
  try {
    await storage.rename(temp, name);
  } catch (err) {
    await storage.delete(temp).catch(() => undefined);
    throw err;
  }
}

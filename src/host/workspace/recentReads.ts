// Ignore files are read for every path a tool touches. In a remote window each read is a round
// trip, and a turn touches dozens of paths in seconds, so what was read (or found missing) is
// kept for a few seconds: an edit to .gitignore counts from the next few seconds on, never later.
import * as vscode from 'vscode';

const KEEP_MS = 5_000;

export class RecentReads {
  private readonly entries = new Map<string, { at: number; content: Promise<string | undefined> }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** The file's text, or undefined when it does not exist or cannot be read. */
  read(uri: vscode.Uri): Promise<string | undefined> {
    const key = uri.toString();
    const cached = this.entries.get(key);
    if (cached && this.now() - cached.at < KEEP_MS) return cached.content;
    const content = Promise.resolve(vscode.workspace.fs.readFile(uri)).then(
      (bytes) => new TextDecoder().decode(bytes),
      () => undefined,
    );
    this.entries.set(key, { at: this.now(), content });
    return content;
  }
}

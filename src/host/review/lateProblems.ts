// Problems a language server reports on an edited file after the edit's result went back to the
// model (the result does not wait for a slow server): for a while after each accepted edit, new
// errors and warnings in that file are kept, and the model hears of them in a note on its next
// request. A problem fixed before then is not told; each file's problems are told once.
import * as vscode from 'vscode';
import type { UserMessage } from '../../agent/conversation';
import type { Diagnostic, DiagnosticsSource } from '../../agent/diagnostics';
import { listProblems } from '../../agent/tools/getDiagnostics';
import { errorsAndWarnings, newProblems } from './newProblems';

/** How long after an edit a report still counts as the edit's. */
export const LATE_PROBLEMS_MS = 30_000;

interface Watched {
  display: string;
  /** The file's problems the model already knows of (those when the result went back). */
  known: readonly Diagnostic[];
  until: number;
  found: Diagnostic[];
  reads: number;
}

export class LateProblems implements vscode.Disposable {
  private readonly watched = new Map<string, Watched>();
  private listener: vscode.Disposable | undefined;

  constructor(
    private readonly source: DiagnosticsSource,
    private readonly windowMs = LATE_PROBLEMS_MS,
  ) {}

  /** Watches `uri` from now on; a newer edit of the same file starts over from its own problems. */
  watch(uri: vscode.Uri, display: string, known: readonly Diagnostic[]): void {
    this.watched.set(uri.toString(), { display, known, until: Date.now() + this.windowMs, found: [], reads: 0 });
    this.listener ??= vscode.languages.onDidChangeDiagnostics((event) => void this.reported(event.uris));
  }

  /** The notes for the model's next request, each file's once; empty when nothing new was reported. */
  take(): string[] {
    const notes: string[] = [];
    for (const [key, entry] of this.watched) {
      if (entry.found.length === 0) continue;
      notes.push(`Problems showed up in ${entry.display} after your edit's result; fix them: ${listProblems(entry.found, entry.display)}`);
      this.watched.delete(key);
    }
    this.stopWhenIdle();
    return notes;
  }

  /** Forgets every file (a new chat has no edits to hear about). */
  clear(): void {
    this.watched.clear();
    this.stopWhenIdle();
  }

  dispose(): void {
    this.clear();
  }

  private async reported(uris: readonly vscode.Uri[]): Promise<void> {
    const now = Date.now();
    // Past its window a file's reports are no longer the edit's; what was found waits to be told.
    for (const [key, entry] of this.watched) if (entry.until < now && entry.found.length === 0) this.watched.delete(key);
    for (const uri of uris) {
      const entry = this.watched.get(uri.toString());
      if (!entry || entry.until < now) continue;
      // Reports may come faster than they are read: only the latest read counts.
      const read = ++entry.reads;
      const current = await this.source.get(entry.display).catch(() => undefined);
      if (current && read === entry.reads) entry.found = errorsAndWarnings(newProblems(entry.known, current));
    }
    this.stopWhenIdle();
  }

  private stopWhenIdle(): void {
    if (this.watched.size > 0) return;
    this.listener?.dispose();
    this.listener = undefined;
  }
}

/** The note a new turn's request carries when problems came in after the last turn ended. */
export function lateProblemsNote(notes: readonly string[]): UserMessage {
  return { role: 'user', note: true, content: notes.map((note) => `[Note from Ouro] ${note}`).join('\n') };
}

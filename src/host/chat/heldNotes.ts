// What the model should hear about something the person did outside a turn (kept or undid staged
// changes): held until the next request. A new message carries them before its words; a running
// turn hands them to the loop with the next step's tools, which adds them to the latest tool result.
import type { ToolSource } from '../../agent/toolSource';

export class HeldNotes {
  private notes: string[] = [];

  add(note: string): void {
    if (note.trim()) this.notes.push(note.trim());
  }

  /** The notes held so far, which are then no longer held. */
  take(): string[] {
    const taken = this.notes;
    this.notes = [];
    return taken;
  }

  /** The user's message with the held notes before it. */
  beforeMessage(content: string): string {
    const notes = this.take();
    return notes.length ? `${notes.map((note) => `[Note from Ouro] ${note}`).join('\n')}\n\n${content}` : content;
  }

  /** The tool source, with the notes held by each step added to that step's notes. */
  withSource(source: ToolSource): ToolSource {
    return async (signal) => {
      const set = await source(signal);
      const held = this.take();
      return held.length ? { ...set, notes: [...(set.notes ?? []), ...held] } : set;
    };
  }
}

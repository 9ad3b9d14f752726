// What the model should hear about something the person did outside a turn (kept or undid staged
// changes): held until the next request. A new message is preceded by them as Ouro's note (as
// after an undo); a running turn hands them to the loop with the next step's tools, which adds
// them to the latest tool result.
import type { UserMessage } from '../../agent/conversation';
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

  /** The held notes as Ouro's note to the model (no longer held); undefined when there are none. */
  takeMessage(): UserMessage | undefined {
    const notes = this.take();
    return notes.length ? { role: 'user', note: true, content: notes.map((note) => `[Note from Ouro] ${note}`).join('\n') } : undefined;
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

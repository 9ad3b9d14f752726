// The loop guard: a model going round in circles. The same call (tool and arguments, compared as
// canonical JSON, so key order and spacing do not count) a third time in a row, or an edit that
// fails again with the same arguments, gets a note to change approach; a fourth identical call in
// a row is not run, and the turn ends. Each call costs one pass over its own arguments.
import { createHash } from 'node:crypto';
import type { ToolCall } from './conversation';
import { parseArguments } from './runToolCall';

/** The identical call in a row that is noted, and the one that is not run. */
export const NOTE_AFTER = 3;
export const STOP_AT = 4;

/** The tools whose failure, repeated, is the same failing edit. */
const EDIT_TOOLS: ReadonlySet<string> = new Set(['edit_file', 'write_file']);

export class LoopGuard {
  private last: string | undefined;
  private inARow = 0;
  private readonly failedEdits = new Set<string>();

  /** Before `call` runs: why it must not (the turn then ends), or undefined. */
  refuse(call: ToolCall): string | undefined {
    const key = callKey(call);
    this.inARow = key === this.last ? this.inARow + 1 : 1;
    this.last = key;
    return this.inARow >= STOP_AT ? `Stopped: the model called ${call.name} with the same arguments ${this.inARow} times in a row.` : undefined;
  }

  /** After `call` (the one `refuse` just let through) ran: a note for the model when it repeats itself. */
  note(call: ToolCall, failed: boolean): string | undefined {
    if (this.inARow === NOTE_AFTER) {
      return (
        `You have called ${call.name} with the same arguments ${NOTE_AFTER} times in a row; doing it again will not give anything new. ` +
        `Change approach: use what the results told you, try something else, or say what is blocking you. A fourth identical call will not be run and ends the turn.`
      );
    }
    if (!failed || !EDIT_TOOLS.has(call.name) || this.last === undefined) return undefined;
    if (!this.failedEdits.has(this.last)) {
      this.failedEdits.add(this.last);
      return undefined;
    }
    return (
      `${call.name} failed again with the same arguments as before. It will keep failing: read the file again to see what it holds now, ` +
      `then change the edit (smaller, with text copied exactly from the file), or do it another way.`
    );
  }
}

/** What a tool result says of a call the guard refused; the turn ends after it. */
export function refusedResult(reason: string): string {
  return `Not run: ${reason.replace(/^Stopped: the model/, 'you')} Ouro stopped the turn here so you do not go round in circles.`;
}

/** Keys longer than this are kept as their hash (a whole file's content need not stay in memory). */
const HASH_OVER = 512;

/** The tool's name and its arguments as canonical JSON (hashed when long): what two identical calls share. */
export function callKey(call: ToolCall): string {
  const parsed = parseArguments(call.arguments);
  const key = `${call.name}\0${parsed.ok ? canonicalJson(parsed.value) : call.arguments.trim()}`;
  return key.length <= HASH_OVER ? key : createHash('sha256').update(key).digest('base64');
}

/** JSON with every object's keys in order and no spacing: equal for equal values however written. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

// Reads streamed reply text, passing prose on at once and holding back what may be a tool call
// written as text until it is known: a call's text is never shown, and prose is delayed only by
// the few characters that could be the start of an opening tag (and trailing whitespace).
// A reply that starts like JSON or a ```json fence is held until it is known whether all of it
// is a call. Pure: no I/O.
import { blockEnd, findOpener, parseBlock, parseWholeReplyCall, partialOpenerLength, type TextCall } from './callFormats';
import { jsonValueEnd } from './jsonValues';

const FENCE = '```';
const MISTRAL = '[TOOL_CALLS]';
/** Fence languages a call is written in; any other fence is prose from its first line. */
const CALL_FENCE = /^```(?:json|tool_call|tool_code)?\s*$/i;

export class CallScanner {
  /** Received and not yet decided. */
  private pending = '';
  /** Whitespace after the last prose, shown only if more prose follows. */
  private space = '';
  /** No prose shown yet: a reply that is nothing but calls may still be one. */
  private atStart = true;
  /** Whole-reply calls, kept only if the reply turns out to be nothing else; with their text. */
  private wholeReply: Array<{ text: string; calls: TextCall[] }> = [];
  private readonly found: TextCall[] = [];

  constructor(private readonly offered: ReadonlySet<string>) {}

  /** The prose to show now. */
  push(piece: string): string {
    this.pending += piece;
    return this.drain(false);
  }

  /** The stream ended: the rest of the prose to show, and every call found. */
  end(): { text: string; calls: TextCall[] } {
    const text = this.drain(true);
    return { text, calls: [...this.found, ...this.wholeReply.flatMap((block) => block.calls)] };
  }

  private drain(final: boolean): string {
    let out = '';
    while (this.pending) {
      if (this.atStart) {
        const step = this.wholeReplyStep(final);
        if (step === 'wait') break;
        if (step === 'taken') continue;
        // Not a whole-reply call after all: what was held is prose.
        out += this.releaseWholeReply();
      }
      const opener = findOpener(this.pending);
      if (!opener) {
        const keep = final ? 0 : partialOpenerLength(this.pending);
        out += this.prose(this.pending.slice(0, this.pending.length - keep));
        this.pending = this.pending.slice(this.pending.length - keep);
        break;
      }
      out += this.prose(this.pending.slice(0, opener.at));
      this.pending = this.pending.slice(opener.at);
      const end = blockEnd(opener.format, this.pending, final);
      if (end === undefined) break;
      const block = this.pending.slice(0, end);
      this.pending = this.pending.slice(end);
      const calls = parseBlock(opener.format, block, this.offered);
      if (calls) {
        this.found.push(...calls);
        this.space = '';
      } else {
        out += this.prose(block);
      }
    }
    return out;
  }

  /**
   * At the start of the reply, or after whole-reply calls: takes the next JSON value or ```json
   * fence if it is a call, waits while that is not known, or says the reply is prose.
   */
  private wholeReplyStep(final: boolean): 'taken' | 'wait' | 'prose' {
    const text = this.pending;
    const lead = text.length - text.trimStart().length;
    if (lead === text.length) {
      if (!final) return 'wait';
      this.pending = '';
      return 'taken';
    }
    const rest = text.slice(lead);
    if (MISTRAL.startsWith(rest) && !final) return 'wait';
    let end: number | undefined;
    let body: string;
    if (rest.startsWith(FENCE) || FENCE.startsWith(rest)) {
      const firstLine = rest.indexOf('\n');
      if (firstLine < 0) return final ? 'prose' : 'wait';
      if (!CALL_FENCE.test(rest.slice(0, firstLine))) return 'prose';
      const close = rest.indexOf(`\n${FENCE}`, firstLine);
      if (close < 0) return final ? 'prose' : 'wait';
      end = close + 1 + FENCE.length;
      body = rest.slice(firstLine + 1, close);
    } else if (rest[0] === '{' || (rest[0] === '[' && !rest.startsWith(MISTRAL))) {
      end = jsonValueEnd(rest, 0);
      if (end === undefined) return final ? 'prose' : 'wait';
      body = rest.slice(0, end);
    } else {
      return 'prose';
    }
    const calls = parseWholeReplyCall(body, this.offered);
    if (!calls) return 'prose';
    this.wholeReply.push({ text: text.slice(0, lead + end), calls });
    this.pending = text.slice(lead + end);
    return 'taken';
  }

  private releaseWholeReply(): string {
    this.atStart = false;
    const held = this.wholeReply.map((block) => block.text).join('');
    this.wholeReply = [];
    return this.prose(held);
  }

  /** Shows `text`, holding back trailing whitespace: whitespace right before a call is dropped. */
  private prose(text: string): string {
    if (!text) return '';
    const all = this.space + text;
    const shown = all.trimEnd();
    this.space = all.slice(shown.length);
    if (shown.trim()) this.atStart = false;
    return shown;
  }
}

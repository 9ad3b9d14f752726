// Thinking that arrives inside the answer text: servers without a reasoning parser (llama.cpp
// without --reasoning-format, vLLM without --reasoning-parser, LM Studio and Ollama with some
// models) stream Qwen3 and DeepSeek-R1 output as `<think>…</think>` followed by the answer.
// Only a reply that *starts* with the tag is split, so an answer that mentions it stays intact.

const OPEN = '<think>';
const CLOSE = '</think>';

export interface Split {
  text: string;
  reasoning: string;
}

export class ThinkTagSplitter {
  /** `after` is the answer right after `</think>`, whose leading blank lines are dropped. */
  private state: 'start' | 'thinking' | 'after' | 'answer' = 'start';
  private pending = '';

  push(piece: string): Split {
    if (this.state === 'answer') return { text: piece, reasoning: '' };
    if (this.state === 'after') return { text: this.answerStart(piece), reasoning: '' };
    this.pending += piece;
    if (this.state === 'start') {
      const head = this.pending.trimStart();
      if (head.length < OPEN.length && OPEN.startsWith(head)) return { text: '', reasoning: '' };
      if (!head.startsWith(OPEN)) {
        this.state = 'answer';
        return { text: this.take(), reasoning: '' };
      }
      this.pending = head.slice(OPEN.length);
      this.state = 'thinking';
    }
    const end = this.pending.indexOf(CLOSE);
    if (end >= 0) {
      const reasoning = this.pending.slice(0, end);
      const rest = this.pending.slice(end + CLOSE.length);
      this.pending = '';
      this.state = 'after';
      return { text: this.answerStart(rest), reasoning };
    }
    // Hold back what could be the start of the closing tag.
    const keep = partialSuffix(this.pending, CLOSE);
    const reasoning = this.pending.slice(0, this.pending.length - keep);
    this.pending = this.pending.slice(this.pending.length - keep);
    return { text: '', reasoning };
  }

  /** What is still held back when the stream ends. */
  flush(): Split {
    const rest = this.take();
    return this.state === 'thinking' ? { text: '', reasoning: rest } : { text: rest, reasoning: '' };
  }

  private answerStart(piece: string): string {
    const text = piece.replace(/^\s+/, '');
    if (text) this.state = 'answer';
    return text;
  }

  private take(): string {
    const all = this.pending;
    this.pending = '';
    return all;
  }
}

/** The length of the longest end of `text` that is a proper start of `tag`. */
function partialSuffix(text: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, text.length); n > 0; n--) {
    if (text.endsWith(tag.slice(0, n))) return n;
  }
  return 0;
}

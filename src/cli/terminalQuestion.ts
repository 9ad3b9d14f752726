// ask_user in a terminal: the question and its options (numbered) on stderr, the answer read as
// a line from stdin. A run without a person at the keyboard refuses at once, so scripts never hang.
import { createInterface } from 'node:readline';
import type { UserAnswer, UserAsker, UserQuestion } from '../agent/tools/tool';

export const NOT_INTERACTIVE =
  'ask_user needs an interactive terminal; this run has none (stdin is not a TTY, or --json was given). Decide yourself, say what you assumed, and go on.';

export interface TerminalIo {
  input: NodeJS.ReadableStream;
  output: { write(text: string): void };
}

export function createCliAsker(interactive: boolean, io: TerminalIo = { input: process.stdin, output: process.stderr }): UserAsker {
  return {
    ask: async (question, _toolCallId, signal) => (interactive ? askInTerminal(question, io, signal) : { answered: false, reason: NOT_INTERACTIVE }),
  };
}

/** Asks until a non-empty line comes; a number picks that option. Ends on EOF or when `signal` aborts. */
export function askInTerminal(question: UserQuestion, io: TerminalIo, signal: AbortSignal): Promise<UserAnswer> {
  const options = question.options ?? [];
  io.output.write(`\n? ${question.question}\n${options.map((option, i) => `  ${i + 1}) ${option}\n`).join('')}`);
  const prompt = options.length ? `Answer (1-${options.length}, or type your own): ` : 'Answer: ';
  return new Promise<UserAnswer>((resolve) => {
    const lines = createInterface({ input: io.input, terminal: false });
    const finish = (answer: UserAnswer) => {
      signal.removeEventListener('abort', onAbort);
      lines.removeAllListeners();
      lines.close();
      resolve(answer);
    };
    const onAbort = () => finish({ answered: false, reason: 'The user stopped the task before answering.' });
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    lines.on('line', (line) => {
      const text = line.trim();
      if (!text) return void io.output.write(prompt);
      const picked = /^\d+$/.test(text) ? options[Number(text) - 1] : undefined;
      finish({ answered: true, text: picked ?? text });
    });
    lines.on('close', () => finish({ answered: false, reason: 'The input ended before the user answered.' }));
    io.output.write(prompt);
  });
}

// How the CLI ends: exit 0 when the agent finished, otherwise a code and a one-line reason.

export const EXIT = { ok: 0, error: 1, usage: 2, maxSteps: 3, cancelled: 130 } as const;

export function exitFor(reason: string, message: string | undefined, maxSteps: number): { code: number; message: string } {
  switch (reason) {
    case 'stop':
      return { code: EXIT.ok, message: '' };
    case 'max_steps':
      return { code: EXIT.maxSteps, message: `stopped after ${maxSteps} steps without finishing (raise --max-steps)` };
    case 'cancelled':
      return { code: EXIT.cancelled, message: 'cancelled' };
    default:
      return { code: EXIT.error, message: oneLine(message ?? 'the agent failed without saying why') };
  }
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, ' ').trim();
}

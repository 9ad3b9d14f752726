// Lets work that reports progress by callback (a tool's `emit`, an approval) show up in the
// loop's event stream while it runs, in order.
import type { AgentEvent } from './events';

export class EventChannel {
  private readonly queue: AgentEvent[] = [];
  private wake?: () => void;

  readonly emit = (event: AgentEvent): void => {
    this.queue.push(event);
    this.wake?.();
  };

  /** Yields what is emitted while `work` runs, then returns its result (or throws its error). */
  async *drain<T>(work: Promise<T>): AsyncGenerator<AgentEvent, T> {
    let settled = false;
    const outcome = work.then(
      (value) => ({ ok: true as const, value }),
      (error: unknown) => ({ ok: false as const, error }),
    );
    void outcome.then(() => {
      settled = true;
      this.wake?.();
    });
    for (;;) {
      while (this.queue.length) yield this.queue.shift() as AgentEvent;
      if (settled) break;
      await new Promise<void>((resolve) => (this.wake = resolve));
      this.wake = undefined;
    }
    const result = await outcome;
    if (!result.ok) throw result.error;
    return result.value;
  }
}

// The chat's messages sent while Ouro works: queued for the loop's next step, shown as queued
// until then, removable. Stop gives them back to the input rather than send them: the person
// stopped Ouro to take over, so nothing should set it going again behind their back, and what
// they typed must not be lost. A turn that ends well sends what is still queued as the next message.
import type { DoneReason } from '../../agent/events';
import { joinQueued, SteerQueue, type QueuedMessage, type Steering } from '../../agent/steering';

export class ChatSteering {
  private readonly queue: SteerQueue;

  /** `onChange`: the queue changed (the view shows it again); `giveBack`: text for the input. */
  constructor(
    onChange: () => void,
    private readonly giveBack: (text: string) => void,
  ) {
    this.queue = new SteerQueue(onChange);
  }

  /** What the loop takes from. */
  get steering(): Steering {
    return this.queue;
  }

  add(text: string): void {
    this.queue.add(text);
  }

  remove(id: string): void {
    this.queue.remove(id);
  }

  views(): QueuedMessage[] {
    return this.queue.views();
  }

  /** Stop or a new chat: what was not delivered goes back to the input, in order. */
  returnAll(): void {
    const queued = this.queue.take();
    if (queued.length > 0) this.giveBack(joinQueued(queued));
  }

  /**
   * After a turn: what is still queued, as the next message (one, as the loop would have sent
   * it), or none. A turn that did not end well gives it back instead.
   */
  afterTurn(reason: DoneReason | undefined): string | undefined {
    if (reason !== 'stop') {
      this.returnAll();
      return undefined;
    }
    const queued = this.queue.take();
    return queued.length > 0 ? joinQueued(queued) : undefined;
  }
}

// Messages the person sends while the agent works ("steering"): held in order until the loop's
// next step boundary, where it takes them all and appends each as a user message. Until then
// each can be taken back. Pure: the chat keeps one per conversation; the loop sees only `take`.

export interface QueuedMessage {
  id: string;
  text: string;
}

/** What the loop asks at each step boundary: the messages to deliver now, in order (none: an empty list). */
export interface Steering {
  take(): QueuedMessage[];
}

/** Several queued messages as the one message they are delivered as, in the order they were sent. */
export function joinQueued(messages: readonly QueuedMessage[]): string {
  return messages.map((message) => message.text).join('\n\n');
}

export class SteerQueue implements Steering {
  private messages: QueuedMessage[] = [];
  private count = 0;

  /** `onChange`: the queue was added to, taken from or emptied (the chat shows it again). */
  constructor(private readonly onChange: () => void = () => {}) {}

  add(text: string): QueuedMessage {
    const message = { id: `q${++this.count}`, text };
    this.messages.push(message);
    this.onChange();
    return message;
  }

  /** Takes a message back before it is delivered; false when it is gone already (delivered or removed). */
  remove(id: string): boolean {
    const before = this.messages.length;
    this.messages = this.messages.filter((message) => message.id !== id);
    if (this.messages.length === before) return false;
    this.onChange();
    return true;
  }

  take(): QueuedMessage[] {
    const taken = this.messages;
    if (taken.length === 0) return taken;
    this.messages = [];
    this.onChange();
    return taken;
  }

  views(): QueuedMessage[] {
    return this.messages.slice();
  }
}

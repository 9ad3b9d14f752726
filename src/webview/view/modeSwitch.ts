// The mode beside the model name: Agent, Ask or Plan for this conversation. A native select, so
// a click, the arrow keys and screen readers all work; the host keeps the choice with the
// conversation.
import type { ChatMode } from '../../agent/modes/chatMode';
import type { ChatState } from '../chatState';
import { byId } from '../dom';
import { post } from '../vscodeApi';

const descriptions: Record<ChatMode, string> = {
  agent: 'Agent: reads, edits and runs commands',
  ask: 'Ask: answers from the code; no edits, no commands',
  plan: 'Plan: looks at the code and writes a plan to hand to Agent',
};

export class ModeSwitch {
  private readonly select = byId<HTMLSelectElement>('mode');

  constructor() {
    this.select.addEventListener('change', () => post({ type: 'setMode', mode: this.select.value as ChatMode }));
  }

  render(state: ChatState): void {
    const mode = state.mode ?? 'agent';
    if (this.select.value !== mode) this.select.value = mode;
    this.select.title = `${descriptions[mode]}. Change the mode`;
    document.body.dataset.mode = mode;
  }
}

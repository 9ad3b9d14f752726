// The mode beside the model name: Agent, Ask, Plan or a custom mode (.ouro/modes/) for this
// conversation. A native select, so a click, the arrow keys and screen readers all work; the
// host keeps the choice with the conversation.
import type { ChatMode } from '../../agent/modes/chatMode';
import type { CustomModeView } from '../../protocol/messages';
import type { ChatState } from '../chatState';
import { byId, h } from '../dom';
import { post } from '../vscodeApi';

const BUILT_IN: Array<{ id: ChatMode; name: string; description: string }> = [
  { id: 'agent', name: 'Agent', description: 'reads, edits and runs commands' },
  { id: 'ask', name: 'Ask', description: 'answers from the code; no edits, no commands' },
  { id: 'plan', name: 'Plan', description: 'looks at the code and writes a plan to hand to Agent' },
];

export class ModeSwitch {
  private readonly select = byId<HTMLSelectElement>('mode');
  private optionsKey = '';

  constructor() {
    this.select.addEventListener('change', () => post({ type: 'setMode', mode: this.select.value }));
    // The folder watcher can miss a file (it may start after the file is written): the list is
    // read again whenever the person comes to the switcher or back to the view.
    const listModes = () => post({ type: 'listModes' });
    this.select.addEventListener('focus', listModes);
    window.addEventListener('focus', listModes);
  }

  render(state: ChatState): void {
    const mode = state.mode ?? 'agent';
    const modes = [...BUILT_IN, ...(state.customModes ?? []).map((custom: CustomModeView) => ({ ...custom, description: custom.description ?? 'a custom mode' }))];
    // A custom mode whose file is gone stays shown while the conversation is in it.
    if (!modes.some((known) => known.id === mode)) modes.push({ id: mode, name: mode, description: 'its file is gone' });
    const key = JSON.stringify(modes);
    if (key !== this.optionsKey) {
      this.optionsKey = key;
      this.select.replaceChildren(...modes.map((known) => h('option', { value: known.id, title: known.description }, known.name)));
    }
    if (this.select.value !== mode) this.select.value = mode;
    const current = modes.find((known) => known.id === mode);
    this.select.title = `${current?.name ?? mode}: ${current?.description ?? ''}. Change the mode`;
    document.body.dataset.mode = mode;
  }
}

// The `/` picker: typing `/` at the start of the input lists the built-in commands and the prompt
// files, filtered by what follows the slash. Keyboard first: arrows move, Enter or Tab picks,
// Escape closes. A command that takes words (a prompt file, a mode) leaves `/name ` in the input
// for them; the others run at once. The host reads the prompt files again each time it opens.
import type { SlashCommandView } from '../../protocol/messages';
import type { ChatState } from '../chatState';
import { byId, h, icon } from '../dom';
import { post } from '../vscodeApi';

const TYPING_A_COMMAND = /^\/([\w.-]*)$/;

export class SlashPicker {
  private readonly list = byId<HTMLElement>('slash-picker');
  private readonly options = byId<HTMLElement>('slash-options');
  /** Under the options, never scrolled out of sight: the prompt files that cannot be used. */
  private readonly problemRows = this.list.querySelector<HTMLElement>('.slash-problems')!;
  private commands: readonly SlashCommandView[] = [];
  private problems: readonly string[] = [];
  private shown: SlashCommandView[] = [];
  private selected = 0;
  private isOpen = false;

  constructor(
    private readonly prompt: HTMLTextAreaElement,
    private readonly submit: () => void,
  ) {
    prompt.setAttribute('aria-autocomplete', 'list');
    prompt.setAttribute('aria-controls', 'slash-options');
    prompt.addEventListener('input', () => this.update());
    // Before the composer's own keys (Enter sends): at the target, capture listeners run first.
    prompt.addEventListener('keydown', (event) => this.onKey(event), { capture: true });
    prompt.addEventListener('blur', () => this.close());
    // A click on the list must not take the focus from the input (its blur would close it first).
    this.list.addEventListener('mousedown', (event) => event.preventDefault());
    this.list.addEventListener('click', (event) => {
      const row = (event.target as Element).closest<HTMLElement>('[role="option"]');
      if (row?.dataset.index) this.pick(Number(row.dataset.index));
    });
  }

  render(state: ChatState): void {
    const listed = state.slashCommands;
    if (!listed || (listed.commands === this.commands && listed.problems === this.problems)) return;
    this.commands = listed.commands;
    this.problems = listed.problems;
    if (this.isOpen) this.update();
  }

  private update(): void {
    const typing = TYPING_A_COMMAND.exec(this.prompt.value);
    if (!typing) return this.close();
    if (!this.isOpen) {
      this.isOpen = true;
      post({ type: 'listSlashCommands' });
    }
    const query = typing[1].toLowerCase();
    const starts = this.commands.filter((command) => command.name.toLowerCase().startsWith(query));
    const contains = this.commands.filter((command) => !starts.includes(command) && command.name.toLowerCase().includes(query));
    this.shown = [...starts, ...contains];
    this.selected = Math.min(this.selected, Math.max(0, this.shown.length - 1));
    this.draw();
  }

  private draw(): void {
    const rows = this.shown.map((command, index) =>
      h(
        'div',
        { role: 'option', id: `slash-option-${index}`, class: 'slash-option', 'data-index': String(index), 'aria-selected': String(index === this.selected), title: command.source },
        icon(command.kind === 'prompt' ? 'file-text' : command.kind === 'mcp' ? 'server' : 'terminal'),
        h('span', { class: 'slash-name' }, `/${command.name}`),
        h('span', { class: 'slash-description' }, command.description ?? command.source ?? ''),
      ),
    );
    const empty = this.shown.length === 0 ? [h('div', { class: 'slash-empty' }, this.commands.length ? 'No command matches.' : 'Loading the commands…')] : [];
    const problems = this.problems.map((problem) => h('div', { class: 'slash-problem', role: 'note' }, icon('warning'), h('span', {}, problem)));
    this.options.replaceChildren(...rows, ...empty);
    this.problemRows.replaceChildren(...problems);
    this.list.hidden = false;
    this.prompt.setAttribute('aria-expanded', 'true');
    if (this.shown.length) {
      this.prompt.setAttribute('aria-activedescendant', `slash-option-${this.selected}`);
      this.options.querySelector(`#slash-option-${this.selected}`)?.scrollIntoView({ block: 'nearest' });
    } else this.prompt.removeAttribute('aria-activedescendant');
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.isOpen || event.isComposing) return;
    const move = (by: number) => {
      if (this.shown.length === 0) return;
      this.selected = (this.selected + by + this.shown.length) % this.shown.length;
      this.draw();
    };
    switch (event.key) {
      case 'ArrowDown':
        move(1);
        break;
      case 'ArrowUp':
        move(-1);
        break;
      case 'Enter':
      case 'Tab':
        if (event.shiftKey || this.shown.length === 0) return;
        this.pick(this.selected);
        break;
      case 'Escape':
        this.close();
        break;
      default:
        return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
  }

  private pick(index: number): void {
    const command = this.shown[index];
    if (!command) return;
    this.close();
    this.prompt.value = command.takesArguments ? `/${command.name} ` : `/${command.name}`;
    this.prompt.dispatchEvent(new Event('input'));
    if (!command.takesArguments) this.submit();
  }

  private close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.selected = 0;
    this.list.hidden = true;
    this.options.replaceChildren();
    this.problemRows.replaceChildren();
    this.prompt.setAttribute('aria-expanded', 'false');
    this.prompt.removeAttribute('aria-activedescendant');
  }
}

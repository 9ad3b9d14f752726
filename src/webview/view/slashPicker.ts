// The `/` picker: typing `/` at the start of the input lists the built-in commands and the prompt
// files, filtered by what follows the slash. Keyboard first: arrows move, Enter or Tab picks,
// Escape closes. A command that takes words (a prompt file, a mode) leaves `/name ` in the input
// for them; the others run at once. The host reads the prompt files again each time it opens.
import type { SlashCommandView } from '../../protocol/messages';
import type { ChatState } from '../chatState';
import { h, icon } from '../dom';
import { post } from '../vscodeApi';
import { InputPicker } from './inputPicker';

const TYPING_A_COMMAND = /^\/([\w.-]*)$/;

export class SlashPicker extends InputPicker {
  /** Under the options, never scrolled out of sight: the prompt files that cannot be used. */
  private readonly problemRows = this.list.querySelector<HTMLElement>('.slash-problems')!;
  private commands: readonly SlashCommandView[] = [];
  private problems: readonly string[] = [];
  private shown: SlashCommandView[] = [];

  constructor(
    prompt: HTMLTextAreaElement,
    private readonly submit: () => void,
  ) {
    super(prompt, { list: 'slash-picker', options: 'slash-options', rowPrefix: 'slash-option-' });
  }

  protected get count(): number {
    return this.shown.length;
  }

  render(state: ChatState): void {
    const listed = state.slashCommands;
    if (!listed || (listed.commands === this.commands && listed.problems === this.problems)) return;
    this.commands = listed.commands;
    this.problems = listed.problems;
    if (this.isOpen) this.update();
  }

  protected update(): void {
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

  protected draw(): void {
    const rows = this.shown.map((command, index) =>
      h(
        'div',
        { role: 'option', id: this.rowId(index), class: 'slash-option', 'data-index': String(index), 'aria-selected': String(index === this.selected), title: command.source },
        icon(command.kind === 'prompt' ? 'file-text' : command.kind === 'mcp' ? 'server' : 'terminal'),
        h('span', { class: 'slash-name' }, `/${command.name}`),
        h('span', { class: 'slash-description' }, command.description ?? command.source ?? ''),
      ),
    );
    const empty = this.shown.length === 0 ? [h('div', { class: 'slash-empty' }, this.commands.length ? 'No command matches.' : 'Loading the commands…')] : [];
    const problems = this.problems.map((problem) => h('div', { class: 'slash-problem', role: 'note' }, icon('warning'), h('span', {}, problem)));
    this.options.replaceChildren(...rows, ...empty);
    this.problemRows.replaceChildren(...problems);
    this.showChoice();
  }

  protected pick(index: number): void {
    const command = this.shown[index];
    if (!command) return;
    this.close();
    this.prompt.value = command.takesArguments ? `/${command.name} ` : `/${command.name}`;
    this.prompt.dispatchEvent(new Event('input'));
    if (!command.takesArguments) this.submit();
  }

  protected override close(): void {
    super.close();
    this.problemRows.replaceChildren();
  }
}

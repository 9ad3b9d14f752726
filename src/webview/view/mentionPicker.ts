// The @ picker: typing `@` (at the start or after a space) lists the workspace's files and
// folders, the active selection and the open editors first, filtered fuzzily by what follows.
// Keyboard first, as the / picker: arrows move, Enter or Tab picks, Escape closes. A pick takes
// `@query` out of the input and asks the host for a chip; the host lists afresh at each opening.
import type { MentionCandidateView } from '../../protocol/messages';
import type { ChatState } from '../chatState';
import { h, icon } from '../dom';
import { fuzzyFilter } from '../fuzzyMatch';
import { post } from '../vscodeApi';
import { InputPicker } from './inputPicker';

/** `@query` ending at the caret; the query holds no space. */
const TYPING_A_MENTION = /(?:^|\s)@([^\s@]*)$/;
/** Rows drawn at once: the filter, not scrolling, is the way to the rest. */
const MAX_ROWS = 50;
/** Lifts the open editors above equal matches elsewhere. */
const OPEN_BOOST = 2;

export class MentionPicker extends InputPicker {
  private candidates: readonly MentionCandidateView[] | undefined;
  private shown: MentionCandidateView[] = [];

  constructor(prompt: HTMLTextAreaElement) {
    super(prompt, { list: 'mention-picker', options: 'mention-options', rowPrefix: 'mention-option-' });
  }

  protected get count(): number {
    return this.shown.length;
  }

  render(state: ChatState): void {
    if (state.mentionCandidates === this.candidates) return;
    this.candidates = state.mentionCandidates;
    if (this.isOpen) this.update();
  }

  /** The `@query` before the caret, with where it starts; undefined when the caret is not in one. */
  private typing(): { query: string; start: number } | undefined {
    const caret = this.prompt.selectionEnd;
    if (caret !== this.prompt.selectionStart) return undefined;
    const match = TYPING_A_MENTION.exec(this.prompt.value.slice(0, caret));
    if (!match) return undefined;
    return { query: match[1], start: caret - match[1].length - 1 };
  }

  protected update(): void {
    const typing = this.typing();
    if (!typing) return this.close();
    if (!this.isOpen) {
      this.isOpen = true;
      this.candidates = undefined;
      post({ type: 'listMentions' });
    }
    const all = this.candidates ?? [];
    this.shown = fuzzyFilter(all, typing.query, (candidate) => candidate.path, (candidate) => (candidate.open ? OPEN_BOOST : 0)).slice(0, MAX_ROWS);
    this.selected = Math.min(this.selected, Math.max(0, this.shown.length - 1));
    this.draw();
  }

  protected draw(): void {
    const rows = this.shown.map((candidate, index) => {
      const { name, folder } = splitPath(candidate.path);
      return h(
        'div',
        { role: 'option', id: this.rowId(index), class: 'slash-option', 'data-index': String(index), 'data-path': candidate.path, 'aria-selected': String(index === this.selected), title: candidate.path },
        icon(candidate.kind === 'folder' ? 'folder' : 'file'),
        h('span', { class: 'slash-name' }, name),
        h('span', { class: 'slash-description' }, folder),
      );
    });
    const waiting = this.candidates === undefined ? 'Listing the workspace…' : 'No file or folder matches.';
    this.options.replaceChildren(...rows, ...(rows.length === 0 ? [h('div', { class: 'slash-empty' }, waiting)] : []));
    this.showChoice();
  }

  protected pick(index: number): void {
    const candidate = this.shown[index];
    const typing = this.typing();
    if (!candidate || !typing) return;
    this.close();
    // The chip stands for the mention: `@query` leaves the words.
    const value = this.prompt.value;
    const caret = this.prompt.selectionEnd;
    this.prompt.value = value.slice(0, typing.start) + value.slice(caret);
    this.prompt.setSelectionRange(typing.start, typing.start);
    this.prompt.dispatchEvent(new Event('input'));
    post({ type: 'addMention', path: candidate.path });
  }
}

/** "src/view/a.ts" → a.ts in src/view; a folder keeps its trailing slash in the name. */
function splitPath(path: string): { name: string; folder: string } {
  const slash = path.lastIndexOf('/', path.length - 2);
  return slash < 0 ? { name: path, folder: '' } : { name: path.slice(slash + 1), folder: path.slice(0, slash) };
}

// The @ picker: typing `@` (at the start or after a space) lists @problems, @changes and
// @terminal, then the workspace's files and folders (the active selection and the open editors
// first), filtered fuzzily by what follows, then the language servers' symbols that match it.
// Keyboard first, as the / picker: arrows move, Enter or Tab picks, Escape closes. A pick takes
// `@query` out of the input and asks the host for a chip; the host lists afresh at each opening.
import type { MentionCandidateView } from '../../protocol/messages';
import type { ChatState } from '../chatState';
import { h, icon } from '../dom';
import type { IconName } from '../icons';
import { fuzzyFilter } from '../fuzzyMatch';
import { post } from '../vscodeApi';
import { InputPicker } from './inputPicker';

/** `@query` ending at the caret; the query holds no space. */
const TYPING_A_MENTION = /(?:^|\s)@([^\s@]*)$/;
/** Rows drawn at once: the filter, not scrolling, is the way to the rest. */
const MAX_ROWS = 50;
/** Lifts the open editors above equal matches elsewhere. */
const OPEN_BOOST = 2;

/** What the editor knows, offered before the files: each picked by its name after `@`. */
const EDITOR_MENTIONS: ReadonlyArray<{ kind: 'problems' | 'changes' | 'terminal' | 'url'; description: string; icon: IconName }> = [
  { kind: 'problems', description: "The workspace's errors and warnings", icon: 'warning' },
  { kind: 'changes', description: "The working tree's changes (git diff)", icon: 'diff' },
  { kind: 'terminal', description: "The active terminal's last command and output", icon: 'terminal' },
  { kind: 'url', description: 'A web page: type @ and its address', icon: 'globe' },
];

const A_URL = /^https?:\/\/\S+$/i;

type Row = { editor: (typeof EDITOR_MENTIONS)[number] } | { candidate: MentionCandidateView } | { url: string };

/** Symbols are asked for once typing pauses. */
const SYMBOL_DELAY_MS = 200;

export class MentionPicker extends InputPicker {
  private candidates: readonly MentionCandidateView[] | undefined;
  private symbols: { query: string; symbols: MentionCandidateView[] } | undefined;
  private symbolTimer: ReturnType<typeof setTimeout> | undefined;
  private shown: Row[] = [];

  constructor(prompt: HTMLTextAreaElement) {
    super(prompt, { list: 'mention-picker', options: 'mention-options', rowPrefix: 'mention-option-' });
  }

  protected get count(): number {
    return this.shown.length;
  }

  render(state: ChatState): void {
    if (state.mentionCandidates === this.candidates && state.mentionSymbols === this.symbols) return;
    this.candidates = state.mentionCandidates;
    this.symbols = state.mentionSymbols;
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
    this.askForSymbols(typing.query);
    const editor = fuzzyFilter(EDITOR_MENTIONS, typing.query, (mention) => mention.kind).map((mention): Row => ({ editor: mention }));
    const paths = fuzzyFilter(this.candidates ?? [], typing.query, (candidate) => candidate.path, (candidate) => (candidate.open ? OPEN_BOOST : 0));
    const symbols = this.symbols?.query === typing.query ? this.symbols.symbols : [];
    const url: Row[] = A_URL.test(typing.query) ? [{ url: typing.query }] : [];
    this.shown = [...url, ...editor, ...[...paths, ...symbols].map((candidate): Row => ({ candidate }))].slice(0, MAX_ROWS);
    this.selected = Math.min(this.selected, Math.max(0, this.shown.length - 1));
    this.draw();
  }

  private askForSymbols(query: string): void {
    clearTimeout(this.symbolTimer);
    if (query.length < 2 || this.symbols?.query === query) return;
    this.symbolTimer = setTimeout(() => post({ type: 'listSymbols', query }), SYMBOL_DELAY_MS);
  }

  protected draw(): void {
    const rows = this.shown.map((row, index) => {
      const [glyph, name, description, title] =
        'url' in row
          ? ['globe' as const, '@url', `Fetch ${row.url}`, row.url]
          : 'editor' in row
          ? [row.editor.icon, `@${row.editor.kind}`, row.editor.description, row.editor.description]
          : row.candidate.kind === 'symbol'
            ? ['symbol-misc' as const, row.candidate.name ?? row.candidate.path, row.candidate.path, row.candidate.path]
            : [row.candidate.kind === 'folder' ? ('folder' as const) : ('file' as const), ...splitPath(row.candidate.path), row.candidate.path];
      return h(
        'div',
        { role: 'option', id: this.rowId(index), class: 'slash-option', 'data-index': String(index), 'aria-selected': String(index === this.selected), title },
        icon(glyph),
        h('span', { class: 'slash-name' }, name),
        h('span', { class: 'slash-description' }, description),
      );
    });
    const waiting = this.candidates === undefined ? 'Listing the workspace…' : 'No file or folder matches.';
    this.options.replaceChildren(...rows, ...(rows.length === 0 ? [h('div', { class: 'slash-empty' }, waiting)] : []));
    this.showChoice();
  }

  protected pick(index: number): void {
    const row = this.shown[index];
    const typing = this.typing();
    if (!row || !typing) return;
    // @url waits for the address: the picker stays open with `@https://` to go on typing.
    const rest = 'editor' in row && row.editor.kind === 'url' ? '@https://' : '';
    if (!rest) this.close();
    // The chip stands for the mention: `@query` leaves the words.
    const value = this.prompt.value;
    const caret = this.prompt.selectionEnd;
    this.prompt.value = value.slice(0, typing.start) + rest + value.slice(caret);
    this.prompt.setSelectionRange(typing.start + rest.length, typing.start + rest.length);
    this.prompt.dispatchEvent(new Event('input'));
    if (rest) return;
    if ('url' in row) post({ type: 'addUrlMention', url: row.url });
    else if (!('editor' in row)) post({ type: 'addMention', path: row.candidate.path });
    else if (row.editor.kind !== 'url') post({ type: 'addEditorMention', kind: row.editor.kind });
  }
}

/** "src/view/a.ts" → a.ts in src/view; a folder keeps its trailing slash in the name. */
function splitPath(path: string): [name: string, folder: string] {
  const slash = path.lastIndexOf('/', path.length - 2);
  return slash < 0 ? [path, ''] : [path.slice(slash + 1), path.slice(0, slash)];
}

// What the / and @ pickers share: a listbox floating over the input that the keyboard drives while
// the focus stays in the input (arrows move the choice, Enter or Tab picks it, Escape closes), the
// chosen row announced to screen readers, and a click on a row picking it.
import { byId } from '../dom';

export abstract class InputPicker {
  protected readonly list: HTMLElement;
  protected readonly options: HTMLElement;
  private readonly rowPrefix: string;
  protected selected = 0;
  protected isOpen = false;

  constructor(
    protected readonly prompt: HTMLTextAreaElement,
    ids: { list: string; options: string; rowPrefix: string },
  ) {
    this.list = byId(ids.list);
    this.options = byId(ids.options);
    this.rowPrefix = ids.rowPrefix;
    prompt.setAttribute('aria-autocomplete', 'list');
    prompt.setAttribute('aria-controls', `${prompt.getAttribute('aria-controls') ?? ''} ${ids.options}`.trim());
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

  /** How many rows are shown. */
  protected abstract get count(): number;
  /** The input changed: open, filter or close. */
  protected abstract update(): void;
  protected abstract draw(): void;
  protected abstract pick(index: number): void;

  /** The id of row `index`, for `aria-activedescendant`. */
  protected rowId(index: number): string {
    return `${this.rowPrefix}${index}`;
  }

  /** Shows the list, the chosen row announced and scrolled into sight. */
  protected showChoice(): void {
    this.list.hidden = false;
    this.prompt.setAttribute('aria-expanded', 'true');
    if (this.count) {
      this.prompt.setAttribute('aria-activedescendant', this.rowId(this.selected));
      this.options.querySelector(`#${this.rowId(this.selected)}`)?.scrollIntoView({ block: 'nearest' });
    } else this.prompt.removeAttribute('aria-activedescendant');
  }

  protected close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    this.selected = 0;
    this.list.hidden = true;
    this.options.replaceChildren();
    this.prompt.setAttribute('aria-expanded', 'false');
    this.prompt.removeAttribute('aria-activedescendant');
  }

  private onKey(event: KeyboardEvent): void {
    if (!this.isOpen || event.isComposing) return;
    const move = (by: number) => {
      if (this.count === 0) return;
      this.selected = (this.selected + by + this.count) % this.count;
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
        if (event.shiftKey || this.count === 0) return;
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
}

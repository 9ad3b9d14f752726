// The menu beside Send: Send, or "Try N ways" (2 to 5) with the typed words, each way in its own
// worktree and the project's checks choosing, or the words as a session in the background, in a
// new worktree or here in the workspace. Opened by its button (Enter, Space or the down arrow);
// the arrow keys move through it, Escape closes it. In a workspace that is not a git repository
// the entries that need a worktree are disabled, the reason in their tooltip and under them.
import { MAX_ATTEMPTS, MIN_ATTEMPTS } from '../../agent/worktrees/bestOfN';
import { byId, h } from '../dom';
import { post } from '../vscodeApi';

export class TryMenu {
  private readonly button = byId<HTMLButtonElement>('send-menu');
  private readonly menu = byId<HTMLElement>('send-options');
  private reason: string | undefined;
  private detail: string | undefined;

  constructor(
    private readonly prompt: HTMLTextAreaElement,
    private readonly send: () => void,
  ) {
    this.button.addEventListener('click', () => (this.menu.hidden ? this.open() : this.close()));
    this.button.addEventListener('keydown', (event) => {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        this.open();
      }
    });
    this.menu.addEventListener('keydown', (event) => this.key(event));
    this.menu.addEventListener('click', (event) => {
      const item = (event.target as Element).closest<HTMLButtonElement>('button[role="menuitem"]');
      if (item) this.pick(item);
    });
    // The composer moves up when a line appears under it (the context meter): the room above changes.
    new ResizeObserver(() => this.fit()).observe(byId('messages'));
    this.menu.addEventListener('focusout', (event) => {
      const to = event.relatedTarget as Node | null;
      if (!to || (!this.menu.contains(to) && to !== this.button)) this.close(false);
    });
  }

  /** The host's answer: why Try cannot run here (in short, and in full), or undefined when it can. */
  available(reason: string | undefined, detail?: string): void {
    this.reason = reason;
    this.detail = detail;
    if (!this.menu.hidden) this.draw();
  }

  private open(): void {
    post({ type: 'tryAvailability' });
    this.draw();
    this.menu.hidden = false;
    this.fit();
    this.button.setAttribute('aria-expanded', 'true');
    this.items()[0]?.focus();
  }

  private close(focusButton = true): void {
    if (this.menu.hidden) return;
    this.menu.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
    if (focusButton) this.button.focus();
  }

  /** Builds the entries once, then only updates them: replacing a focused entry would blur it and close the menu. */
  private draw(): void {
    if (!this.items().length) {
      const ways = Array.from({ length: MAX_ATTEMPTS - MIN_ATTEMPTS + 1 }, (_, i) => MIN_ATTEMPTS + i);
      const entry = (attributes: Record<string, string>, label: string) => h('button', { type: 'button', role: 'menuitem', ...attributes }, label);
      this.menu.replaceChildren(
        entry({ 'data-attempts': '1' }, 'Send'),
        ...ways.map((n) => entry({ 'data-attempts': String(n), 'data-worktree': '' }, `Try ${n} ways`)),
        h('div', { class: 'send-menu-separator', role: 'separator' }),
        entry({ 'data-session': 'worktree', 'data-worktree': '' }, 'New session in a worktree'),
        entry({ 'data-session': 'here', title: 'Run it in the background in this workspace; each edit asks you first' }, 'New session here'),
      );
    }
    for (const item of this.items().filter((candidate) => candidate.dataset.worktree !== undefined)) {
      const fine = item.dataset.session ? 'Run it in the background on a new branch in its own worktree; you review and apply the change' : `Run it ${item.dataset.attempts} ways, each in its own worktree; the project's checks choose`;
      item.title = this.detail ?? this.reason ?? fine;
      if (this.reason) item.setAttribute('aria-disabled', 'true');
      else item.removeAttribute('aria-disabled');
    }
    this.menu.querySelector('.send-menu-note')?.remove();
    if (this.reason) this.menu.append(h('div', { class: 'send-menu-note' }, this.reason));
    this.fit();
  }

  /** It grows upwards from above the composer: never past the top of a short view, where it scrolls instead. */
  private fit(): void {
    if (this.menu.hidden) return;
    this.menu.style.maxHeight = '';
    this.menu.style.maxHeight = `${Math.max(80, this.menu.getBoundingClientRect().bottom - 4)}px`;
  }

  private items(): HTMLButtonElement[] {
    return [...this.menu.querySelectorAll<HTMLButtonElement>('button[role="menuitem"]')];
  }

  private key(event: KeyboardEvent): void {
    const items = this.items();
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      this.close();
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      items[(at + (event.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
    } else if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      items[event.key === 'Home' ? 0 : items.length - 1]?.focus();
    }
  }

  private pick(item: HTMLButtonElement): void {
    if (item.getAttribute('aria-disabled') === 'true') return;
    const attempts = Number(item.dataset.attempts);
    const where = item.dataset.session;
    this.close(false);
    this.prompt.focus();
    if (attempts === 1) return this.send();
    const text = this.prompt.value.trim();
    if (!text) return;
    post(where === 'worktree' || where === 'here' ? { type: 'newSession', text, where } : { type: 'tryWays', text, attempts });
    this.prompt.value = '';
    this.prompt.dispatchEvent(new Event('input'));
  }
}

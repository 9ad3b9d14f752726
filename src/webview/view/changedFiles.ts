// "Changed in this conversation": every file Ouro created or edited, under the transcript. A
// file opens its diff (before the conversation ↔ now); the button beside it reverts it.
import type { ChatState } from '../chatState';
import { byId, h, icon, iconButton } from '../dom';
import { post } from '../vscodeApi';

export class ChangedFiles {
  private readonly root = byId<HTMLDetailsElement>('changed-files');
  private key = '';

  constructor() {
    this.root.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button[data-path]');
      const path = button?.dataset.path;
      if (!path) return;
      post(button.classList.contains('revert-file') ? { type: 'revertFile', path } : { type: 'openChange', path });
    });
  }

  render(state: ChatState): void {
    const key = JSON.stringify([state.changedFiles, state.busy]);
    if (key === this.key) return;
    this.key = key;
    const files = state.changedFiles;
    this.root.hidden = files.length === 0;
    this.root.replaceChildren(
      h('summary', {}, icon('files'), `Changed in this conversation (${files.length})`),
      h(
        'ul',
        {},
        ...files.map((file) =>
          h(
            'li',
            { class: 'changed-file', 'data-path': file.path },
            h('button', { type: 'button', class: 'open-change', 'data-path': file.path, title: `${file.path}: what it was before this conversation ↔ now` }, icon(file.created ? 'diff-added' : 'diff-modified'), h('span', { class: 'changed-path' }, file.path)),
            iconButton('discard', `Revert ${file.path}`, { class: 'revert-file', 'data-path': file.path, disabled: state.busy }),
          ),
        ),
      ),
    );
  }
}

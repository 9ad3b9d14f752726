// Files and folders dragged into the chat (from the explorer, Shift held where VS Code asks for
// it, or an editor's tab) are mentioned as if picked with @: the host makes each a chip.
import { droppedUris, URI_LIST_TYPES } from '../uriList';
import { post } from '../vscodeApi';

const MAX_DROPPED = 50;

export function acceptDroppedFiles(target: HTMLElement): void {
  const carriesUris = (event: DragEvent) => URI_LIST_TYPES.some((type) => event.dataTransfer?.types.includes(type));
  target.addEventListener('dragover', (event) => {
    if (!carriesUris(event)) return;
    event.preventDefault();
    if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
    target.classList.add('dropping');
  });
  target.addEventListener('dragleave', (event) => {
    if (event.relatedTarget === null || !target.contains(event.relatedTarget as Node)) target.classList.remove('dropping');
  });
  target.addEventListener('drop', (event) => {
    target.classList.remove('dropping');
    const uris = droppedUris(event.dataTransfer);
    if (uris.length === 0) return;
    event.preventDefault();
    post({ type: 'dropMentions', uris: uris.slice(0, MAX_DROPPED) });
  });
}

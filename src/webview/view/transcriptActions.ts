// What the buttons inside the transcript do: copy code, accept, always allow or reject, answer a
// question, set the key, save the setup, open a file, undo the agent's changes since a message. One
// delegated listener serves every rendered item.
import { post } from '../vscodeApi';

export function handleTranscriptClick(event: MouseEvent): void {
  const button = (event.target as Element).closest<HTMLButtonElement>('button');
  if (!button) return;
  const card = button.closest<HTMLElement>('.tool-card');
  const toolCallId = card?.dataset.toolCallId;
  if (button.classList.contains('try-action')) {
    tryCardClick(button);
  } else if (button.classList.contains('copy')) {
    copyCode(button);
  } else if (button.classList.contains('accept') && toolCallId) {
    disableApproval(card!);
    post({ type: 'accept', toolCallId, ...(button.dataset.choice ? { choice: button.dataset.choice } : {}) });
  } else if (button.classList.contains('always-allow') && toolCallId && button.dataset.rules) {
    disableApproval(card!);
    post({ type: 'alwaysAllow', toolCallId, rules: JSON.parse(button.dataset.rules) as string[] });
  } else if (button.classList.contains('reject') && toolCallId) {
    reject(card!, toolCallId);
  } else if (button.classList.contains('answer-option') && toolCallId && button.dataset.answer) {
    answer(card!, toolCallId, button.dataset.answer);
  } else if (button.classList.contains('send-answer') && toolCallId) {
    answer(card!, toolCallId, card!.querySelector<HTMLInputElement>('input.answer-text')?.value ?? '');
  } else if (button.classList.contains('show-diff') && toolCallId) {
    post({ type: 'showDiff', toolCallId });
  } else if (button.classList.contains('error-action') && isErrorAction(button.dataset.action)) {
    post({ type: 'errorAction', action: button.dataset.action });
  } else if (button.classList.contains('notice-action') && button.dataset.action === 'sendWithoutImages') {
    button.disabled = true;
    post({ type: 'sendWithoutImages' });
  } else if (button.classList.contains('set-api-key')) {
    post({ type: 'setApiKey' });
  } else if (button.classList.contains('save-setup')) {
    post({ type: 'saveSetup', ...setupFields() });
  } else if (button.classList.contains('test-connection')) {
    button.disabled = true;
    post({ type: 'testConnection', ...setupFields() });
  } else if ((button.classList.contains('open-file') || button.classList.contains('rule-file')) && button.dataset.path) {
    post({ type: 'openFile', path: button.dataset.path });
  } else if (button.classList.contains('undo-since')) {
    const index = Number(button.closest<HTMLElement>('.message.user')?.dataset.messageIndex);
    if (Number.isInteger(index)) post({ type: 'undoSince', messageIndex: index });
  }
}

/** A Try N ways card's button: review or apply an attempt, discard the others, stop the run. */
function tryCardClick(button: HTMLButtonElement): void {
  const card = button.closest<HTMLElement>('.try-card')?.dataset.cardId;
  const action = button.dataset.tryAction;
  if (!card || (action !== 'review' && action !== 'apply' && action !== 'discardOthers' && action !== 'stop')) return;
  const attempt = Number(button.dataset.attempt);
  if (action !== 'review') button.disabled = true;
  post({ type: 'tryAction', card, action, ...(Number.isInteger(attempt) && attempt > 0 ? { attempt } : {}) });
}

function isErrorAction(action: string | undefined): action is 'retry' | 'openSettings' | 'testConnection' {
  return action === 'retry' || action === 'openSettings' || action === 'testConnection';
}

/** What the setup card holds; VS Code's language models need no base URL. */
function setupFields(): { baseUrl: string; model: string; provider: 'openai' | 'vscode-lm' } {
  const value = (id: string) => (document.getElementById(id) as HTMLInputElement | null)?.value.trim() ?? '';
  const provider = document.querySelector<HTMLElement>('.setup-card')?.dataset.provider === 'vscode-lm' ? 'vscode-lm' : 'openai';
  return { baseUrl: provider === 'vscode-lm' ? '' : value('setup-base-url'), model: value('setup-model'), provider };
}

/** Enter in a card's reason field rejects with that reason; in an answer box, it sends the answer. */
export function handleTranscriptKey(event: KeyboardEvent): void {
  const input = event.target as HTMLInputElement;
  if (event.key !== 'Enter' || event.isComposing) return;
  const card = input.closest<HTMLElement>('.tool-card');
  const toolCallId = card?.dataset.toolCallId;
  if (!toolCallId) return;
  if (input.classList.contains('reason')) {
    event.preventDefault();
    reject(card!, toolCallId);
  } else if (input.classList.contains('answer-text')) {
    event.preventDefault();
    answer(card!, toolCallId, input.value);
  }
}

function answer(card: HTMLElement, toolCallId: string, text: string): void {
  const trimmed = text.trim();
  if (!trimmed) return;
  disableApproval(card);
  post({ type: 'answer', toolCallId, text: trimmed });
}

function reject(card: HTMLElement, toolCallId: string): void {
  const reason = card.querySelector<HTMLInputElement>('input.reason')?.value.trim();
  disableApproval(card);
  post({ type: 'reject', toolCallId, ...(reason ? { reason } : {}) });
}

// Until the host confirms, a second click must not send a second decision.
function disableApproval(card: HTMLElement): void {
  card.querySelectorAll<HTMLButtonElement | HTMLInputElement>('.approval button, .approval input').forEach((control) => (control.disabled = true));
}

function copyCode(button: HTMLButtonElement): void {
  const code = button.closest('.code-block')?.querySelector('code')?.textContent ?? '';
  post({ type: 'copy', text: code });
  const glyph = button.querySelector('.codicon');
  glyph?.classList.replace('codicon-copy', 'codicon-check');
  setTimeout(() => glyph?.classList.replace('codicon-check', 'codicon-copy'), 1200);
}

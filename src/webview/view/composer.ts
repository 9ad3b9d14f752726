// The input area and the header: prompt, Send / Stop, the model name, attachment chips. New Chat
// is the view title's (one button, where VS Code's views keep theirs).
// The usage line and the context meter are contextMeter.ts's.
import type { ChatState } from '../chatState';
import type { AttachmentView } from '../../protocol/messages';
import { byId, h, icon, iconButton } from '../dom';
import { attachmentIcon } from './attachmentIcons';
import { post } from '../vscodeApi';
import { PastedImages } from './pastedImages';

export class Composer {
  readonly prompt = byId<HTMLTextAreaElement>('prompt');
  private readonly send = byId<HTMLButtonElement>('send');
  private readonly stop = byId<HTMLButtonElement>('stop');
  private readonly model = byId<HTMLButtonElement>('model');
  private readonly modelName = byId<HTMLElement>('model-name');
  private readonly attachments = byId<HTMLElement>('attachments');
  private attachmentsKey = '';
  private readonly images: PastedImages;
  private busy = false;
  private readonly idlePlaceholder = this.prompt.placeholder;

  constructor(onDraftChange: (draft: string) => void, onImagesChange: () => void = () => undefined) {
    this.images = new PastedImages(this.prompt, byId('composer'), byId('images'), onImagesChange);
    this.prompt.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      } else if (event.key === 'Escape' && this.busy) {
        post({ type: 'stop' });
      }
    });
    this.prompt.addEventListener('input', () => onDraftChange(this.prompt.value));
    this.send.addEventListener('click', () => this.submit());
    this.stop.addEventListener('click', () => post({ type: 'stop' }));
    this.model.addEventListener('click', () => post({ type: 'chooseModel' }));
    this.attachments.addEventListener('click', (event) => {
      const remove = (event.target as Element).closest<HTMLElement>('button.remove-attachment');
      if (remove?.dataset.id) post({ type: 'removeAttachment', id: remove.dataset.id });
      const open = (event.target as Element).closest<HTMLElement>('button.open-attachment');
      if (open?.dataset.path) post({ type: 'openFile', path: open.dataset.path, ...linesOf(open.dataset) });
    });
  }

  /** What the pasted images waiting to be sent cost in the context window. */
  get imageTokens(): number {
    return this.images.tokens;
  }

  render(state: ChatState): void {
    this.busy = state.busy;
    document.body.dataset.busy = String(state.busy);
    // Screen readers announce a reply once it is complete, not every streamed frame; approvals
    // and tool results are announced as they come.
    const last = state.items[state.items.length - 1];
    document.getElementById('messages')?.setAttribute('aria-busy', String(last?.kind === 'assistant' && last.streaming));
    // Stop takes Send's place while the agent works, so the one button there always fits.
    this.stop.hidden = !state.busy;
    this.send.hidden = state.busy;
    this.prompt.placeholder = state.busy ? 'Ouro is working: what you send now reaches it at its next step' : this.idlePlaceholder;
    if (!state.busy && document.activeElement === this.stop) this.prompt.focus();
    this.modelName.textContent = state.setup.model || 'no model set';
    const where = state.setup.provider === 'vscode-lm' ? " from VS Code's language models" : state.setup.baseUrl ? ` at ${state.setup.baseUrl}` : '';
    const title = state.setup.model ? `Model: ${state.setup.model}${where}` : 'No model is configured';
    this.model.title = `${title}. Choose a model`;
    this.model.setAttribute('aria-label', `${state.setup.model ? `Model ${state.setup.model}` : 'No model set'}: choose a model`);
    this.renderAttachments(state);
  }

  /** Queued messages Stop gave back: before whatever is in the input now. */
  putBack(text: string): void {
    const typed = this.prompt.value.trim();
    this.prompt.value = typed ? `${text}\n\n${typed}` : text;
    this.prompt.dispatchEvent(new Event('input'));
    this.prompt.focus();
  }

  private renderAttachments(state: ChatState): void {
    const key = JSON.stringify(state.attachments);
    if (key === this.attachmentsKey) return;
    this.attachmentsKey = key;
    this.attachments.replaceChildren(
      ...state.attachments.map((attachment) =>
        h(
          'span',
          { class: 'attachment', title: attachment.path },
          icon(attachment.path ? (attachment.folder ? 'folder' : 'file') : attachmentIcon(attachment.label)),
          attachment.path
            ? h('button', { type: 'button', class: 'attachment-label open-attachment', 'data-path': attachment.path, ...lineData(attachment), title: `Open ${attachment.label}` }, attachment.label)
            : h('span', { class: 'attachment-label' }, attachment.label),
          iconButton('close', `Remove ${attachment.label}`, { class: 'remove-attachment', 'data-id': attachment.id }),
        ),
      ),
    );
    this.attachments.hidden = state.attachments.length === 0;
  }

  /** Sends what is typed; while Ouro works, the host queues it for Ouro's next step (attachments wait for a message of their own). */
  submit(): void {
    const text = this.prompt.value.trim();
    // While Ouro works only words are queued: attachments and images wait for a message of their own.
    if (this.busy ? !text : !text && this.attachments.childElementCount === 0 && this.images.count === 0) return;
    const images = this.busy ? [] : this.images.take();
    post({ type: 'send', text, ...(images.length ? { images } : {}) });
    this.prompt.value = '';
    this.prompt.dispatchEvent(new Event('input'));
  }
}

/** A range chip's lines as data attributes, so opening it selects them. */
function lineData(attachment: AttachmentView): Record<string, string> {
  return attachment.startLine === undefined ? {} : { 'data-start-line': String(attachment.startLine), 'data-end-line': String(attachment.endLine ?? attachment.startLine) };
}

function linesOf(data: DOMStringMap): { startLine?: number; endLine?: number } {
  const startLine = Number(data.startLine);
  const endLine = Number(data.endLine);
  return Number.isInteger(startLine) && startLine > 0 ? { startLine, endLine: Number.isInteger(endLine) && endLine >= startLine ? endLine : startLine } : {};
}

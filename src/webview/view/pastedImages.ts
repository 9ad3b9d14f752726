// Images pasted into the prompt or dropped on the composer: made to fit (./imageDownscale.ts),
// shown as thumbnail chips above the prompt until the message is sent or a chip removed.
// What cannot be taken is said on a line under the chips, and nothing else is lost.
import { h, iconButton } from '../dom';
import { MAX_IMAGES } from '../../agent/images/userImage';
import { downscaleImage } from './imageDownscale';
import { imageTokens } from '../../agent/images/imageTokens';

interface Pasted {
  key: number;
  data: string;
  /** data: URL of the image, for its thumbnail (the page's CSP allows img-src data:). */
  url: string;
  /** What it costs in the context window. */
  tokens: number;
}

export class PastedImages {
  private items: Pasted[] = [];
  private problem = '';
  private next = 0;

  constructor(
    prompt: HTMLTextAreaElement,
    dropTarget: HTMLElement,
    private readonly container: HTMLElement,
    /** Images were added or removed (the context meter counts them). */
    private readonly onChange: () => void = () => undefined,
  ) {
    /** Images in the transfer are taken (and the browser's own handling stopped); anything else is left to it. */
    const takeImages = (event: Event, transfer: DataTransfer | null) => {
      const files = transfer ? [...transfer.files].filter((file) => file.type.startsWith('image/')) : [];
      if (files.length === 0) return;
      event.preventDefault();
      void this.add(files);
    };
    prompt.addEventListener('paste', (event) => takeImages(event, event.clipboardData));
    dropTarget.addEventListener('dragover', (event) => {
      if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
    });
    dropTarget.addEventListener('drop', (event) => takeImages(event, event.dataTransfer));
    container.addEventListener('click', (event) => {
      const remove = (event.target as Element).closest<HTMLElement>('button.remove-image');
      if (!remove?.dataset.key) return;
      this.items = this.items.filter((item) => String(item.key) !== remove.dataset.key);
      this.problem = '';
      this.render();
      prompt.focus();
    });
  }

  get count(): number {
    return this.items.length;
  }

  /** What the images waiting to be sent cost in the context window. */
  get tokens(): number {
    return this.items.reduce((sum, item) => sum + item.tokens, 0);
  }

  /** The images for the message being sent, as base64; the chips go. */
  take(): string[] {
    const taken = this.items.map((item) => item.data);
    this.items = [];
    this.problem = '';
    this.render();
    return taken;
  }

  private async add(files: File[]): Promise<void> {
    const problems: string[] = [];
    for (const file of files) {
      const name = file.name || 'the image';
      if (this.items.length >= MAX_IMAGES) {
        problems.push(`at most ${MAX_IMAGES} images go with one message`);
        break;
      }
      try {
        const { data, type, width, height } = await downscaleImage(file);
        this.items.push({ key: ++this.next, data, url: `data:${type};base64,${data}`, tokens: imageTokens(width, height) });
      } catch (error) {
        problems.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.problem = problems.join('; ');
    this.render();
  }

  private render(): void {
    this.container.replaceChildren(
      ...this.items.map((item, index) =>
        h(
          'span',
          { class: 'image-chip' },
          h('img', { src: item.url, alt: `Image ${index + 1}` }),
          iconButton('close', `Remove image ${index + 1}`, { class: 'remove-image', 'data-key': String(item.key) }),
        ),
      ),
      ...(this.problem ? [h('span', { class: 'image-problem', role: 'alert' }, `Not added: ${this.problem}.`)] : []),
    );
    this.container.hidden = this.items.length === 0 && !this.problem;
    this.onChange();
  }
}

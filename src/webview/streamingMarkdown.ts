// A reply's Markdown, drawn while it streams in. Rebuilding the whole message every frame grows
// with its length (a 45,000-character reply cost 50–210 ms per frame), so the reply is drawn block
// by block: a top-level block (paragraph, list, code block…) is finished once a later block has
// started on a complete line; it is then rendered once, highlighted, and its DOM nodes are kept.
// Only the open block at the end is parsed and drawn again, without highlighting, each frame.
// When the reply is complete the open block is rendered like the others, so the message is
// exactly Markdown's rendering of the whole text.
import { markdownBlocks, renderBlock, renderMarkdown, type MarkdownBlock, type RenderEnv } from './markdown';

export class StreamingMarkdown {
  /** Where the open part of the text starts: everything before it is drawn and final. */
  private finishedLength = 0;
  private finishedText = '';
  private openNodes: ChildNode[] = [];
  /** A link reference can change links drawn before it: the complete reply is then drawn whole. */
  private sawReferences = false;
  /** The complete text, once drawn. */
  private settled: string | undefined;

  constructor(readonly element: HTMLElement) {}

  /** Draws `text`, the reply so far; `complete` when no more will come. */
  update(text: string, complete: boolean): void {
    if (this.settled !== undefined) {
      if (text === this.settled) return;
      this.clear();
    }
    if (!text.startsWith(this.finishedText)) this.clear();
    if (complete && this.finishedLength === 0) {
      // Nothing drawn yet (a reply from the saved conversation): one render is fastest.
      this.element.innerHTML = renderMarkdown(text);
      this.openNodes = [...this.element.childNodes];
      return this.settle(text);
    }
    const open = text.slice(this.finishedLength);
    const env: RenderEnv = {};
    const blocks = markdownBlocks(open, env);
    if (env.references && Object.keys(env.references).length > 0) this.sawReferences = true;
    if (complete && this.sawReferences) {
      this.clear();
      this.element.innerHTML = renderMarkdown(text);
      this.openNodes = [...this.element.childNodes];
      return this.settle(text);
    }
    const finished = complete ? blocks.length : finishedCount(blocks, completeLines(open));
    for (const node of this.openNodes) node.remove();
    if (finished > 0) {
      this.append(blocks.slice(0, finished).map((block) => renderBlock(block, {})).join(''));
      const openStart = finished < blocks.length ? lineOffset(open, blocks[finished].line) : open.length;
      this.finishedLength += openStart;
      this.finishedText = text.slice(0, this.finishedLength);
    }
    this.openNodes = this.append(blocks.slice(finished).map((block) => renderBlock(block, { plain: true })).join(''));
    if (complete) this.settle(text);
  }

  /** The complete text is drawn: another text starts over. */
  private settle(text: string): void {
    this.settled = text;
    this.openNodes = [];
  }

  private clear(): void {
    this.element.replaceChildren();
    this.finishedLength = 0;
    this.finishedText = '';
    this.openNodes = [];
    this.sawReferences = false;
    this.settled = undefined;
  }

  private append(html: string): ChildNode[] {
    if (!html) return [];
    const scratch = this.element.ownerDocument.createElement('div');
    scratch.innerHTML = html;
    const nodes = [...scratch.childNodes];
    this.element.append(...nodes);
    return nodes;
  }
}

/**
 * How many of `blocks` are finished: each block before the last one whose successor starts on a
 * complete line. A half-written line can still change what came before it ("#" starts a heading
 * that ends a paragraph, "#x" continues the paragraph), a complete one cannot.
 */
export function finishedCount(blocks: readonly MarkdownBlock[], completeLineCount: number): number {
  let count = 0;
  while (count + 1 < blocks.length && blocks[count + 1].line < completeLineCount) count++;
  return count;
}

function completeLines(text: string): number {
  let count = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

function lineOffset(text: string, line: number): number {
  let offset = 0;
  for (let i = 0; i < line; i++) offset = text.indexOf('\n', offset) + 1;
  return offset;
}

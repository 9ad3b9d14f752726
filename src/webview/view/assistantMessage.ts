// A reply from the model, updated in place as it streams: its reasoning (folded) and its Markdown,
// drawn block by block so a long reply costs the same per frame as a short one.
import type { ChatItem } from '../chatState';
import { h, icon } from '../dom';
import { StreamingMarkdown } from '../streamingMarkdown';

type AssistantItem = Extract<ChatItem, { kind: 'assistant' }>;

export class AssistantMessage {
  readonly element = h('div', { class: 'message assistant' });
  // markdown-it runs with html disabled: the model's own HTML arrives here escaped.
  private readonly markdown = new StreamingMarkdown(h('div', { class: 'markdown' }));
  private reasoning: { label: Text; text: HTMLElement } | undefined;

  constructor(item: AssistantItem) {
    this.element.append(this.markdown.element);
    this.update(item);
  }

  update(item: AssistantItem): void {
    this.element.classList.toggle('streaming', item.streaming);
    if (item.reasoning) {
      const reasoning = this.reasoning ?? this.addReasoning();
      reasoning.label.data = item.streaming && !item.text ? 'Thinking…' : 'Thought';
      if (reasoning.text.textContent !== item.reasoning) reasoning.text.textContent = item.reasoning;
    }
    this.markdown.update(item.text, !item.streaming);
  }

  private addReasoning(): { label: Text; text: HTMLElement } {
    const label = document.createTextNode('');
    const text = h('div', { class: 'reasoning-text' });
    this.element.prepend(h('details', { class: 'reasoning' }, h('summary', {}, icon('lightbulb'), label), text));
    this.reasoning = { label, text };
    return this.reasoning;
  }
}

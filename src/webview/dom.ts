// A small element builder: attributes, then children. Text is always set as text, never parsed.
import type { IconName } from './icons';

type Child = Node | string | false | null | undefined;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) {
    if (child === false || child === null || child === undefined) continue;
    element.append(child);
  }
  return element;
}

/** A codicon (drawn by dist/icons.css); `spin` turns it, as VS Code's loading icons do. */
export function icon(name: IconName, { spin = false, extraClass = '' } = {}): HTMLSpanElement {
  return h('span', { class: ['codicon', `codicon-${name}`, spin && 'codicon-modifier-spin', extraClass].filter(Boolean).join(' '), 'aria-hidden': 'true' });
}

/** A button with an icon, an accessible name and a tooltip. */
export function iconButton(iconName: IconName, label: string, attributes: Record<string, string | boolean | undefined> = {}): HTMLButtonElement {
  return h('button', { type: 'button', 'aria-label': label, title: label, ...attributes }, icon(iconName));
}

/** An element the chat page (src/host/chat/webviewHtml.ts) always has. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`The chat page has no #${id}.`);
  return element as T;
}

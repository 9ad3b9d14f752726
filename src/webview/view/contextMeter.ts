// The context meter under the input, and beside it what the conversation used: how much of
// the model's window the next request takes, with its parts and "Compact now" one click away.
import { formatUsage } from '../../agent/usage/usageTotals';
import type { ChatState } from '../chatState';
import { byId, h, icon } from '../dom';
import { breakdownRows, meterLabel } from '../usageText';
import { post } from '../vscodeApi';

export class ContextMeter {
  private readonly usage = byId('usage');
  private readonly root = byId('context');
  private readonly button = byId<HTMLButtonElement>('context-meter');
  private readonly panel = byId('context-breakdown');
  private key = '';

  constructor() {
    this.button.addEventListener('click', () => this.toggle(this.panel.hidden));
    this.panel.addEventListener('click', (event) => {
      if (!(event.target as Element).closest('button.compact-now')) return;
      post({ type: 'compact' });
      this.toggle(false);
    });
  }

  /** `images`: what the pasted images waiting to be sent cost, counted here where they wait. */
  render(state: ChatState, images = 0): void {
    const key = JSON.stringify([state.meter, state.busy, images]);
    if (key === this.key) return;
    this.key = key;
    const { usage, lastRequest, attached = 0 } = state.meter;
    // What is attached to the next message counts before it is sent.
    const context = state.meter.context && { ...state.meter.context, total: state.meter.context.total + attached + images };
    this.usage.hidden = usage.requests === 0;
    this.usage.textContent = formatUsage(usage);
    this.usage.title = `This conversation: ${usage.requests} request${usage.requests === 1 ? '' : 's'}${usage.requests > usage.unpricedRequests ? '' : ' (no price known for the model: set ouro.pricing to see the cost)'}`;
    this.root.hidden = !context && usage.requests === 0;
    this.button.hidden = !context;
    if (!context) return this.toggle(false);
    const { text, share } = meterLabel(context);
    const percent = Math.round(share * 100);
    this.button.replaceChildren(
      icon('dashboard'),
      h('meter', { min: '0', max: String(context.window), low: String(context.window * 0.6), high: String(context.window * 0.8), optimum: '0', value: String(Math.min(context.total, context.window)) }),
      h('span', { class: 'context-label' }, `${text} (${percent}%)`),
    );
    this.button.setAttribute('aria-label', `Context: ${context.total} of ${context.window} tokens (${percent}%). Show the breakdown.`);
    const number = (n: number) => n.toLocaleString('en-US');
    this.panel.replaceChildren(
      h('div', { class: 'context-total' }, `The next request: ${number(context.total)} of ${number(context.window)} tokens`),
      h(
        'table',
        {},
        ...breakdownRows(context, attached, images).map((row) => h('tr', { 'data-part': row.label }, h('th', { scope: 'row' }, row.label), h('td', {}, number(row.tokens)))),
      ),
      lastRequest ?
        h(
          'div',
          { class: 'context-last' },
          `Latest request, as the server counted it: ${number(lastRequest.promptTokens)} in${lastRequest.cachedTokens ? ` (${number(lastRequest.cachedTokens)} cached)` : ''}, ${number(lastRequest.completionTokens)} out`,
        ) : '',
      // Before the first request there is nothing to compact.
      usage.requests > 0 ? h('button', { type: 'button', class: 'compact-now secondary', disabled: state.busy, title: 'Replace all but the latest exchange with a summary' }, icon('fold'), 'Compact now') : '',
    );
  }

  private toggle(open: boolean): void {
    this.panel.hidden = !open;
    this.button.setAttribute('aria-expanded', String(open));
  }
}

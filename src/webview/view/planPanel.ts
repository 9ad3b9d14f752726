// The plan pinned above the input: progress (3/5) and the items, checked and struck as they
// close. Collapsible; the user's choice holds while the plan updates. In Plan mode, once the
// plan is written, one click hands it to Agent mode to carry out.
import type { PlanItem, PlanStatus } from '../../agent/plan/planChecklist';
import { planProgress } from '../../agent/plan/planChecklist';
import type { ChatState } from '../chatState';
import { h, icon } from '../dom';
import type { IconName } from '../icons';
import { post } from '../vscodeApi';

const statusIcons: Record<PlanStatus, IconName> = { pending: 'circle-large-outline', in_progress: 'arrow-right', done: 'pass-filled', skipped: 'circle-slash' };
const statusLabels: Record<PlanStatus, string> = { pending: 'to do', in_progress: 'in progress', done: 'done', skipped: 'skipped' };

export class PlanPanel {
  private shown: PlanItem[] | undefined;
  private handOver = false;
  private open = true;

  constructor(private readonly container: HTMLElement) {}

  render(state: ChatState): void {
    const handOver = state.mode === 'plan' && !state.busy;
    if (state.plan === this.shown && handOver === this.handOver) return;
    this.shown = state.plan;
    this.handOver = handOver;
    this.container.hidden = !state.plan;
    this.container.replaceChildren(...(state.plan ? [this.renderPlan(state.plan), ...(handOver ? [carryOutButton()] : [])] : []));
  }

  private renderPlan(items: readonly PlanItem[]): HTMLElement {
    const closed = items.filter((item) => item.status === 'done' || item.status === 'skipped').length;
    const details = h(
      'details',
      { class: 'plan', open: this.open },
      h(
        'summary',
        {},
        icon('checklist'),
        h('span', { class: 'plan-title' }, 'Plan'),
        h('span', { class: 'plan-progress' }, planProgress(items)),
        h('progress', { max: String(items.length), value: String(closed), 'aria-label': `${closed} of ${items.length} done` }),
      ),
      h(
        'ol',
        { class: 'plan-items' },
        ...items.map((item) =>
          h('li', { 'data-status': item.status, title: statusLabels[item.status] }, icon(statusIcons[item.status]), h('span', { class: 'plan-text' }, item.text)),
        ),
      ),
    );
    details.addEventListener('toggle', () => (this.open = details.open));
    return details;
  }
}

function carryOutButton(): HTMLElement {
  const button = h('button', { type: 'button', class: 'carry-out-plan', title: 'Switch to Agent mode and carry out this plan' }, icon('play'), 'Carry out with Agent');
  button.addEventListener('click', () => post({ type: 'carryOutPlan' }));
  return button;
}

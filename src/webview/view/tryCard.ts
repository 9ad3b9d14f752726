// A Try N ways run in the chat: a header with its progress (and Stop while it runs), the checks
// it ran, then a table with a row per attempt (its checks pass or fail, its change's size, its
// tokens and cost, the winner starred) and under each row its Review / Apply buttons and each
// failing check's output, expanded in place. "Discard the others" once the run is over.
import type { TryAttemptView, TryCardView } from '../../protocol/tryCard';
import { h, icon } from '../dom';

export function renderTryCard(card: TryCardView): HTMLElement {
  const over = card.state !== 'running';
  const others = card.attempts.filter((row) => row.branch && row.state !== 'discarded' && row.attempt !== chosen(card));
  return h(
    'section',
    { class: 'try-card', 'data-card-id': card.id, 'data-state': card.state, 'aria-label': `Try ${card.of} ways: ${card.title}` },
    h(
      'div',
      { class: 'try-header' },
      icon(over ? (card.state === 'done' ? 'checklist' : 'warning') : 'loading', { spin: !over }),
      h('span', { class: 'try-title', title: card.title }, `Try ${card.of} ways: ${card.title}`),
      !over && action('stop', 'Stop', { secondary: true }),
    ),
    h('div', { class: 'try-status', role: 'status' }, statusLine(card)),
    h('div', { class: 'try-checks' }, card.checks.length ? `Checks${card.checkSource ? ` (${card.checkSource})` : ''}: ${card.checks.join(', ')}` : 'No checks found (ouro.checks, AGENTS.md): the smallest change wins.'),
    card.attempts.length > 0 &&
      h(
        'table',
        { class: 'try-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Attempt'), h('th', { scope: 'col' }, 'Checks'), h('th', { scope: 'col' }, 'Change'), h('th', { scope: 'col' }, 'Tokens'))),
        ...card.attempts.map((row) => attemptRows(card, row, over)),
      ),
    over && others.length > 0 && h('div', { class: 'try-footer' }, action('discardOthers', `Discard the other${others.length === 1 ? '' : 's'} (${others.length})`, { secondary: true, icon: true })),
  );
}

function attemptRows(card: TryCardView, row: TryAttemptView, over: boolean): HTMLElement {
  const winner = card.winner === row.attempt;
  const failing = row.checks.filter((check) => !check.passed);
  const usable = row.branch && row.state !== 'discarded';
  const variant = variantLine(row);
  return h(
    'tbody',
    { class: `try-attempt${winner ? ' winner' : ''}`, 'data-attempt': String(row.attempt), 'data-state': row.state },
    h(
      'tr',
      {},
      h('td', {}, h('span', { class: 'try-star', ...(winner ? { 'aria-label': 'winner', title: 'The checks chose this one' } : { 'aria-hidden': 'true' }) }, winner ? '★' : ''), String(row.attempt), h('div', { class: 'try-row-state' }, rowState(row))),
      h('td', { class: 'try-check-marks' }, ...card.checks.map((command, i) => checkMark(command, row, i))),
      h('td', { class: 'line-counts' }, row.changedFiles === undefined ? '–' : h('span', {}, h('span', { class: 'lines-added' }, `+${row.added ?? 0}`), ' ', h('span', { class: 'lines-removed' }, `−${row.removed ?? 0}`), h('div', { class: 'try-files' }, `${row.changedFiles} file${row.changedFiles === 1 ? '' : 's'}`))),
      h('td', { class: 'try-tokens' }, row.tokens === undefined ? '–' : row.tokens.toLocaleString('en-US'), row.cost !== undefined && h('div', {}, `$${row.cost.toFixed(4)}`)),
    ),
    (usable || failing.length > 0 || row.error || variant) &&
      h(
        'tr',
        { class: 'try-more' },
        h(
          'td',
          { colspan: '4' },
          variant,
          row.error && h('div', { class: 'try-error' }, row.error),
          ...failing.map((check) =>
            h('details', { class: 'try-output' }, h('summary', {}, `${check.command} ${check.timedOut ? 'timed out' : `failed (exit ${check.exitCode ?? '?'})`}`), h('pre', {}, check.output.trim() || '(no output)')),
          ),
          usable &&
            h(
              'div',
              { class: 'try-row-actions' },
              action('review', 'Review', { attempt: row.attempt, secondary: !winner, disabled: !over && row.state !== 'scored' }),
              row.applied ? h('span', { class: 'try-applied' }, icon('check'), 'Applied') : action('apply', 'Apply', { attempt: row.attempt, secondary: !winner, disabled: !over }),
            ),
        ),
      ),
  );
}

function checkMark(command: string, row: TryAttemptView, index: number): HTMLElement {
  const check = row.checks[index];
  if (!check) return h('span', { class: 'try-check pending', title: `${command}: not run` }, icon('circle-outline'));
  return h('span', { class: `try-check ${check.passed ? 'passed' : 'failed'}`, title: `${command}: ${check.passed ? 'passed' : check.timedOut ? 'timed out' : 'failed'}` }, icon(check.passed ? 'pass' : 'error'));
}

/** What the attempt ran with when the attempts differ: "Ran with gpt-4o-mini, temperature 0.8". */
function variantLine(row: TryAttemptView): HTMLElement | false {
  const words = [row.model, row.temperature !== undefined && `temperature ${row.temperature}`].filter(Boolean).join(', ');
  return words !== '' && h('div', { class: 'try-variant' }, `Ran with ${words}`);
}

function rowState(row: TryAttemptView): string {
  switch (row.state) {
    case 'waiting':
      return 'waiting';
    case 'running':
      return 'running';
    case 'checking':
      return 'checking';
    case 'discarded':
      return 'discarded';
    case 'scored':
      return row.ended && row.ended !== 'stop' ? row.ended.replace(/_/g, ' ') : 'done';
  }
}

function statusLine(card: TryCardView): string {
  if (card.state === 'failed') return `Failed: ${card.problem ?? 'see the Ouro log'}`;
  if (card.state === 'running') {
    const current = card.attempts.find((row) => row.state === 'running' || row.state === 'checking');
    if (!current) return 'Starting…';
    const checked = card.checks.length ? ` (${current.checks.length} of ${card.checks.length})` : '';
    return `Attempt ${current.attempt} of ${card.of}: ${current.state === 'running' ? 'running' : `checking${checked}`}…`;
  }
  const winner = card.attempts.find((row) => row.attempt === card.winner);
  const verdict = winner ? `Attempt ${winner.attempt} wins: ${winner.checks.filter((check) => check.passed).length} of ${card.checks.length} checks passed, ${(winner.added ?? 0) + (winner.removed ?? 0)} lines changed.` : 'No attempt won.';
  return card.state === 'stopped' ? `${card.problem ?? 'Stopped.'} ${verdict}` : verdict;
}

function chosen(card: TryCardView): number | undefined {
  return card.attempts.find((row) => row.applied)?.attempt ?? card.winner;
}

function action(name: string, label: string, options: { attempt?: number; secondary?: boolean; disabled?: boolean; icon?: boolean } = {}): HTMLButtonElement {
  return h(
    'button',
    { type: 'button', class: `try-action${options.secondary ? ' secondary' : ''}`, 'data-try-action': name, ...(options.attempt ? { 'data-attempt': String(options.attempt), 'aria-label': `${label} attempt ${options.attempt}` } : {}), disabled: options.disabled },
    options.icon ? icon('trash') : null,
    label,
  );
}

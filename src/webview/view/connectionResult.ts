// A Test connection result as three lines: ✓/✗ endpoint, ✓/✗ model, and the tool mode.
import type { CheckStatus, ConnectionView } from '../../protocol/messages';
import { h, icon } from '../dom';
import type { IconName } from '../icons';

const GLYPH: Record<CheckStatus, IconName> = { ok: 'pass', failed: 'error', unknown: 'question', skipped: 'circle-slash' };
const SAID: Record<CheckStatus, string> = { ok: 'passed', failed: 'failed', unknown: 'not sure', skipped: 'not tested' };

export function renderConnectionResult(connection: ConnectionView): HTMLElement[] {
  if (connection.running) {
    return [h('div', { class: 'check running' }, icon('loading', { spin: true }), `Testing ${connection.model || 'the endpoint'}…`)];
  }
  const report = connection.report;
  if (!report) return [];
  const tools = report.tools.mode ? `Tools: ${report.tools.mode}` : 'Tools';
  const lines = [
    line('Endpoint', report.endpoint.status, report.endpoint.message),
    line('Model', report.model.status, report.model.message),
    line(tools, report.tools.status, report.tools.message),
  ];
  if (connection.note) lines.push(h('div', { class: 'check note' }, icon('info'), connection.note));
  return lines;
}

function line(label: string, status: CheckStatus, message: string): HTMLElement {
  return h(
    'div',
    { class: `check ${status}`, 'data-check': label.split(':')[0].toLowerCase() },
    h('span', { class: `codicon codicon-${GLYPH[status]}`, role: 'img', 'aria-label': SAID[status] }),
    h('span', { class: 'check-label' }, label),
    message && h('span', { class: 'check-message' }, message),
  );
}

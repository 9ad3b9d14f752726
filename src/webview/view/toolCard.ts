// A tool call as a compact card: icon, tool, target and status on one line; arguments and result
// behind a <details>; an inline Accept / Reject when the call waits for the user.
import type { LineCounts } from '../../agent/events';
import type { PendingDecision } from '../../protocol/messages';
import type { ToolItem, ToolStatus } from '../chatState';
import { h, icon } from '../dom';
import type { IconName } from '../icons';
import { pageShownText, readFilePage } from '../readFilePage';

const toolIcons: Record<string, IconName> = {
  read_file: 'file',
  list_files: 'list-tree',
  search_files: 'search',
  write_file: 'new-file',
  edit_file: 'edit',
  run_command: 'terminal',
  get_diagnostics: 'warning',
  fetch_url: 'globe',
  web_search: 'search-fuzzy',
  plan: 'checklist',
  ask_user: 'question',
  'MCP servers': 'server',
};

/** MCP tools are named `server__tool`. */
function toolIcon(name: string): IconName {
  return toolIcons[name] ?? (name.includes('__') ? 'plug' : 'tools');
}

const statusLabels: Record<ToolStatus, string> = { running: 'running', done: 'done', failed: 'failed', waiting: 'waiting for you', rejected: 'rejected', stopped: 'stopped' };
const statusIcons: Record<ToolStatus, IconName> = { running: 'loading', done: 'check', failed: 'error', waiting: 'bell', rejected: 'circle-slash', stopped: 'circle-slash' };

/** Long results are cut for display; the model got the whole text. */
const maxShownChars = 20_000;

export function renderToolCard(tool: ToolItem): HTMLElement {
  const card = h('div', {
    class: 'tool-card',
    'data-tool': tool.name,
    'data-status': tool.status,
    'data-tool-call-id': tool.toolCallId,
  });
  const summary = h(
    'summary',
    {},
    icon(toolIcon(tool.name)),
    h('span', { class: 'tool-name' }, tool.name),
    // A question or a command waiting for the user is shown whole in the approval below, not twice.
    !(tool.pending && tool.pending.kind !== 'edit') && h('span', { class: 'tool-target', title: tool.target }, tool.target),
    h('span', { class: 'tool-status', title: statusLabels[tool.status] }, icon(statusIcons[tool.status], { spin: tool.status === 'running' }), h('span', { class: 'tool-status-text' }, statusLabels[tool.status])),
  );
  const details = h('details', {}, summary);
  if (tool.args) details.append(section('Arguments', prettyJson(tool.args)));
  if (tool.result !== undefined) details.append(section('Result', clip(tool.result)));
  card.append(details);
  // A partial read is said on the card itself: the user sees what the model did not.
  const page = tool.name === 'read_file' && tool.result !== undefined && tool.status === 'done' ? readFilePage(tool.result) : undefined;
  if (page) card.append(h('div', { class: 'tool-note read-page' }, pageShownText(page)));
  if (pathOf(tool.args)) {
    card.append(h('button', { type: 'button', class: 'open-file', 'aria-label': `Open ${tool.target}`, title: `Open ${tool.target}`, 'data-path': pathOf(tool.args) }, icon('go-to-file')));
  }
  if (tool.pending) card.append(renderApproval(tool));
  if (tool.note) card.append(h('div', { class: 'tool-note' }, tool.note));
  return card;
}

function renderApproval(tool: ToolItem): HTMLElement {
  const pending = tool.pending!;
  if (pending.kind === 'question') return renderQuestion(pending.title, pending.options ?? []);
  const edit = pending.kind === 'edit';
  return h(
    'div',
    { class: 'approval', role: 'group', 'aria-label': `Approval for ${tool.name}` },
    // An edit's path is on the card's first line already; what it changes is said in lines.
    edit ? pending.lines && lineCounts(pending.lines) : h('div', { class: 'approval-title' }, pending.title),
    !edit && pending.detail && h('pre', { class: 'approval-detail' }, clip(pending.detail)),
    // Edits may be auto-approved, so one that asks all the same says why.
    edit && pending.protectedWhy && h('div', { class: 'approval-protected' }, icon('shield'), h('span', {}, pending.protectedWhy)),
    !pending.toolName && h('div', { class: 'approval-hint' }, edit ? (pending.newFile ? 'A new file: keep or undo it in its editor, or accept or reject it here.' : 'Keep or undo each change in the diff, or accept or reject them all.') : pending.choices?.length && !pending.rejectLabel ? 'Run it how?' : 'Allow this?'),
    !pending.toolName && h('input', { type: 'text', class: 'reason', placeholder: 'Reason to reject (optional)', title: 'Sent to Ouro if you reject', 'aria-label': 'Reason for rejecting (optional)' }),
    pending.choices?.length
      ? choiceButtons(pending.choices, pending.rejectLabel)
      : h(
          'div',
          { class: 'approval-buttons' },
          h('button', { type: 'button', class: 'accept', 'aria-label': 'Accept' }, icon('check'), 'Accept'),
          h('button', { type: 'button', class: 'reject secondary', 'aria-label': 'Reject' }, icon('close'), 'Reject'),
          pending.allowRules && alwaysAllowButton(pending.allowRules),
          edit && !pending.newFile && h('button', { type: 'button', class: 'show-diff secondary', 'aria-label': 'Show the diff' }, icon('diff'), 'Diff'),
          edit && pending.newFile && h('button', { type: 'button', class: 'show-diff secondary', 'aria-label': 'Show the new file' }, icon('go-to-file'), 'Show'),
        ),
  );
}

/** One button per way to approve (the first is the main one), and Cancel (or what `rejectLabel` says). */
function choiceButtons(choices: NonNullable<PendingDecision['choices']>, rejectLabel = 'Cancel'): HTMLElement {
  return h(
    'div',
    { class: 'approval-buttons' },
    ...choices.map((choice, i) => h('button', { type: 'button', class: `accept${i ? ' secondary' : ''}`, 'data-choice': choice.id, 'aria-label': choice.label }, icon(choice.id.startsWith('always') ? 'check-all' : i ? 'play' : 'check'), choice.label)),
    h('button', { type: 'button', class: 'reject secondary', 'aria-label': rejectLabel }, icon('close'), rejectLabel),
  );
}

/** +12 −3, in the diff's colours. */
function lineCounts({ added, removed }: LineCounts): HTMLElement {
  const label = `${added} line${added === 1 ? '' : 's'} added, ${removed} removed`;
  return h('div', { class: 'line-counts', 'aria-label': label, title: label }, h('span', { class: 'lines-added' }, `+${added}`), ' ', h('span', { class: 'lines-removed' }, `−${removed}`));
}

/** Names the rules exactly as they will be added to `ouro.commands.allow`. */
function alwaysAllowButton(rules: readonly string[]): HTMLElement {
  const title = 'Accept, and add to ouro.commands.allow in the workspace settings';
  return h(
    'button',
    { type: 'button', class: 'always-allow secondary', 'aria-label': `Always allow ${rules.join(', ')}`, title, 'data-rules': JSON.stringify(rules) },
    icon('check-all'),
    h('span', {}, 'Always allow ', ...rules.flatMap((rule, i) => [i > 0 ? ', ' : '', h('code', {}, rule)])),
  );
}

/** ask_user's question: a button per suggested answer, and a box for the user's own words. */
function renderQuestion(question: string, options: readonly string[]): HTMLElement {
  return h(
    'div',
    { class: 'approval question', role: 'group', 'aria-label': 'Question from Ouro' },
    h('div', { class: 'approval-title' }, question),
    options.length > 0 && h('div', { class: 'answer-options' }, ...options.map((option) => h('button', { type: 'button', class: 'answer-option secondary', 'data-answer': option }, option))),
    h(
      'div',
      { class: 'answer-row' },
      h('input', { type: 'text', class: 'answer-text', placeholder: options.length ? 'Or answer in your own words' : 'Your answer', 'aria-label': 'Your answer' }),
      h('button', { type: 'button', class: 'send-answer', 'aria-label': 'Send answer', title: 'Send answer (Enter)' }, icon('send')),
    ),
  );
}

function section(label: string, text: string): HTMLElement {
  return h('div', { class: 'tool-section' }, h('div', { class: 'tool-section-label' }, label), h('pre', {}, text));
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

function clip(text: string): string {
  return text.length > maxShownChars ? `${text.slice(0, maxShownChars)}\n… (${text.length - maxShownChars} more characters)` : text;
}

function pathOf(argumentsJson: string): string | undefined {
  try {
    const args = JSON.parse(argumentsJson) as { path?: unknown };
    return typeof args.path === 'string' && args.path ? args.path : undefined;
  } catch {
    return undefined;
  }
}

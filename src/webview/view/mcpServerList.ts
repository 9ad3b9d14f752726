// The MCP servers, behind the toolbar's server button: each with its status (starting, running
// with its tools, the error, off, not trusted), its command line, a switch to turn it on or off
// in this workspace, Trust for a workspace's server not trusted yet, and the servers' log.
import type { McpServerView } from '../../protocol/messages';
import type { ChatState } from '../chatState';
import { byId, h, icon, iconButton } from '../dom';
import type { IconName } from '../icons';
import { post } from '../vscodeApi';

const stateIcons: Record<McpServerView['state'], IconName> = {
  running: 'pass',
  starting: 'loading',
  stopped: 'circle-outline',
  failed: 'error',
  disabled: 'circle-slash',
  untrusted: 'shield',
};

export class McpServerList {
  private readonly panel = byId('mcp-servers');
  private readonly toggle = byId<HTMLButtonElement>('mcp-toggle');
  private key = '';

  constructor() {
    this.toggle.addEventListener('click', () => this.show(this.panel.hidden));
    this.panel.addEventListener('click', (event) => {
      const button = (event.target as Element).closest<HTMLButtonElement>('button');
      const name = button?.closest<HTMLElement>('.mcp-server')?.dataset.name;
      if (button?.classList.contains('close-mcp')) this.show(false);
      else if (button?.classList.contains('mcp-log')) post({ type: 'showMcpLog' });
      else if (button?.classList.contains('mcp-trust') && name) post({ type: 'trustMcpServer', name });
    });
    this.panel.addEventListener('change', (event) => {
      const box = event.target as HTMLInputElement;
      const name = box.closest<HTMLElement>('.mcp-server')?.dataset.name;
      if (box.classList.contains('mcp-enabled') && name) post({ type: 'setMcpServerEnabled', name, enabled: box.checked });
    });
    this.panel.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.show(false);
    });
  }

  render(state: ChatState): void {
    const key = JSON.stringify(state.mcpServers);
    if (key === this.key) return;
    this.key = key;
    const servers = state.mcpServers;
    const running = servers.filter((server) => server.state === 'running').length;
    this.toggle.title = servers.length ? `MCP servers: ${running} of ${servers.length} running` : 'MCP servers';
    this.panel.replaceChildren(
      h('div', { class: 'mcp-header' }, h('span', { class: 'mcp-heading' }, 'MCP servers'), iconButton('output', 'Show the MCP log', { class: 'mcp-log' }), iconButton('close', 'Close the MCP servers', { class: 'close-mcp' })),
      servers.length
        ? h('ul', { class: 'mcp-list', 'aria-label': 'MCP servers' }, ...servers.map(serverRow))
        : h('p', { class: 'mcp-empty' }, 'No MCP servers. Add them to .vscode/mcp.json, .ouro/mcp.json or your own mcp.json.'),
    );
  }

  private show(open: boolean): void {
    this.panel.hidden = !open;
    this.toggle.setAttribute('aria-expanded', String(open));
    if (open) this.panel.querySelector<HTMLElement>('button, input')?.focus();
  }
}

function serverRow(server: McpServerView): HTMLElement {
  const on = server.state !== 'disabled';
  return h(
    'li',
    { class: 'mcp-server', 'data-name': server.name, 'data-state': server.state },
    h('input', { type: 'checkbox', class: 'mcp-enabled', checked: on, 'aria-label': `${server.name} on in this workspace`, title: on ? 'On in this workspace: click to turn it off' : 'Off in this workspace: click to turn it on' }),
    h(
      'div',
      { class: 'mcp-server-text' },
      h('div', { class: 'mcp-server-line' }, icon(stateIcons[server.state], { spin: server.state === 'starting', extraClass: 'mcp-state-icon' }), h('span', { class: 'mcp-name' }, server.name), h('span', { class: 'mcp-status' }, statusText(server))),
      h('div', { class: 'mcp-target', title: server.target }, server.target),
      server.error && h('div', { class: 'mcp-error' }, server.error),
    ),
    server.state === 'untrusted' && !server.error && h('button', { type: 'button', class: 'mcp-trust secondary', title: `Trust and start: ${server.target}` }, 'Trust'),
  );
}

function statusText(server: McpServerView): string {
  switch (server.state) {
    case 'running':
      return `running, ${server.tools} tool${server.tools === 1 ? '' : 's'}`;
    case 'starting':
      return 'starting';
    case 'stopped':
      return server.origin === 'user' ? 'starts when needed' : 'trusted, starts when needed';
    case 'failed':
      return 'failed';
    case 'disabled':
      return 'off';
    case 'untrusted':
      return 'not trusted';
    default: {
      const _exhaustive: never = server.state;
      return _exhaustive;
    }
  }
}

// What the person decided about MCP servers in this workspace, kept in the workspace's state:
// which of the workspace's servers they trusted or not (with the command line they saw: a
// changed line asks again), which servers they turned off, and which tools run without asking.
// Pure: the editor hands in its Memento.
import { isMcpAllowed, mcpToolName } from '../../agent/mcp/mcpTools';

/** The part of VS Code's Memento this needs. */
export interface StateStore {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

const TRUST = 'ouro.mcp.trust';
const DISABLED = 'ouro.mcp.disabled';
const ALLOWED = 'ouro.mcp.allowed';

export type TrustAnswer = 'trusted' | 'declined';

export class McpMemory {
  constructor(private readonly state: StateStore) {}

  /** The answer given for this server with this very command line; undefined: not asked yet. */
  trust(name: string, target: string): TrustAnswer | undefined {
    const entry = this.trustRecord()[name];
    return entry?.target === target ? entry.answer : undefined;
  }

  async setTrust(entries: ReadonlyArray<{ name: string; target: string }>, answer: TrustAnswer): Promise<void> {
    const record = { ...this.trustRecord() };
    for (const { name, target } of entries) record[name] = { target, answer };
    await this.state.update(TRUST, record);
  }

  disabled(name: string): boolean {
    return (this.state.get<string[]>(DISABLED) ?? []).includes(name);
  }

  async setEnabled(name: string, enabled: boolean): Promise<void> {
    const others = (this.state.get<string[]>(DISABLED) ?? []).filter((entry) => entry !== name);
    await this.state.update(DISABLED, enabled ? others : [...others, name]);
  }

  /** `server__tool` names and `server__*`, as the core's McpAllowed reads them. */
  allowed(): string[] {
    return this.state.get<string[]>(ALLOWED) ?? [];
  }

  isAllowed(server: string, tool: string): boolean {
    return isMcpAllowed(this.allowed(), server, mcpToolName(server, tool));
  }

  /** Always allow one tool of a server, or (without `tool`) all of its tools. */
  async allow(server: string, tool?: string): Promise<string> {
    const rule = tool === undefined ? `${mcpToolName(server, '')}*` : mcpToolName(server, tool);
    await this.state.update(ALLOWED, [...new Set([...this.allowed(), rule])]);
    return rule;
  }

  private trustRecord(): Record<string, { target: string; answer: TrustAnswer }> {
    return this.state.get<Record<string, { target: string; answer: TrustAnswer }>>(TRUST) ?? {};
  }
}

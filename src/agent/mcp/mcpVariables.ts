// VS Code's variables in an MCP server's configuration: `${env:NAME}`, `${workspaceFolder}`,
// `${userHome}` and `${input:id}` (an input the person is asked for once; the host keeps the
// answers). A variable that cannot be filled keeps the server from starting, saying which.
import type { McpServerConfig } from './mcpConfig';

export interface VariableValues {
  env: NodeJS.ProcessEnv;
  workspaceFolder: string;
  userHome: string;
  /** The answers to the file's inputs, by id; a missing one is not asked here. */
  inputs: ReadonlyMap<string, string>;
}

export type Resolved = { ok: true; server: McpServerConfig } | { ok: false; problem: string };

export function resolveVariables(server: McpServerConfig, values: VariableValues): Resolved {
  const missing = new Set<string>();
  const fill = (text: string) =>
    text.replace(/\$\{(env:|input:)?([\w.-]+)\}/g, (whole, prefix: string | undefined, name: string) => {
      const value = prefix === 'env:' ? values.env[name] : prefix === 'input:' ? (values.inputs.get(name) ?? values.inputs.get(inputKey(name))) : name === 'workspaceFolder' ? values.workspaceFolder : name === 'userHome' ? values.userHome : undefined;
      if (value === undefined) missing.add(whole);
      return value ?? '';
    });
  const fillAll = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fill(value)]));
  const resolved: McpServerConfig =
    server.kind === 'stdio'
      ? { ...server, command: fill(server.command), args: server.args.map(fill), env: fillAll(server.env), ...(server.cwd ? { cwd: fill(server.cwd) } : {}) }
      : { ...server, url: fill(server.url), headers: fillAll(server.headers) };
  if (missing.size) return { ok: false, problem: `${server.source}: server "${server.name}" needs ${[...missing].join(', ')}, which ${missing.size === 1 ? 'has' : 'have'} no value` };
  return { ok: true, server: resolved };
}

/** The `${input:id}` names a server uses, to ask for before it starts. */
export function inputsUsed(server: McpServerConfig): string[] {
  const texts = server.kind === 'stdio' ? [server.command, ...server.args, ...Object.values(server.env), server.cwd ?? ''] : [server.url, ...Object.values(server.headers)];
  return [...new Set(texts.flatMap((text) => [...text.matchAll(/\$\{input:([\w.-]+)\}/g)].map((match) => match[1])))];
}

/** An input's id as the CLI's environment names it: `OURO_MCP_INPUT_` and this. */
export function inputKey(id: string): string {
  return id.toUpperCase().replace(/\W/g, '_');
}

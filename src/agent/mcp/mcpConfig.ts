// MCP servers as VS Code configures them (`.vscode/mcp.json`, the user's `mcp.json`), so one
// file serves Copilot, VS Code and Ouro; `.ouro/mcp.json` takes the same format. Pure: a file's
// text comes in, the servers and what was wrong with them go out.
//
//   { "servers": { "everything": { "type": "stdio", "command": "npx", "args": ["-y", "server"], "env": { "KEY": "${env:KEY}" } },
//                  "docs": { "type": "http", "url": "https://example.com/mcp", "headers": { "Authorization": "Bearer ${input:token}" } } },
//     "inputs": [ { "id": "token", "type": "promptString", "description": "API token", "password": true } ] }
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { isObject } from '../hooks/isObject';

export type McpServerConfig =
  | { name: string; kind: 'stdio'; command: string; args: string[]; env: Record<string, string>; cwd?: string; source: string; origin: McpOrigin }
  | { name: string; kind: 'http' | 'sse'; url: string; headers: Record<string, string>; source: string; origin: McpOrigin };

/** A workspace's servers are the repository's: they start only once the person trusts them. */
export type McpOrigin = 'user' | 'workspace';

export interface McpInput {
  id: string;
  description: string;
  password: boolean;
}

export interface ParsedMcpFile {
  servers: McpServerConfig[];
  inputs: McpInput[];
  problems: string[];
}

export function parseMcpFile(text: string, source: string, origin: McpOrigin): ParsedMcpFile {
  const out: ParsedMcpFile = { servers: [], inputs: [], problems: [] };
  // VS Code's mcp.json is JSON with comments and trailing commas.
  const errors: ParseError[] = [];
  const json: unknown = parse(text, errors, { allowTrailingComma: true });
  if (errors.length) {
    out.problems.push(`${source}: not valid JSON (${printParseErrorCode(errors[0].error)} at offset ${errors[0].offset})`);
    return out;
  }
  if (!isObject(json)) {
    out.problems.push(`${source}: must be an object with "servers"`);
    return out;
  }
  const servers = json.servers ?? {};
  if (!isObject(servers)) out.problems.push(`${source}: "servers" must be an object of named servers`);
  else for (const [name, entry] of Object.entries(servers)) addServer(out, name, entry, source, origin);
  if (Array.isArray(json.inputs)) {
    for (const input of json.inputs) {
      if (isObject(input) && typeof input.id === 'string') out.inputs.push({ id: input.id, description: typeof input.description === 'string' ? input.description : input.id, password: input.password === true });
    }
  }
  return out;
}

function addServer(out: ParsedMcpFile, name: string, entry: unknown, source: string, origin: McpOrigin): void {
  const where = `${source}: server "${name}"`;
  if (!/^[\w.-]+$/.test(name)) return void out.problems.push(`${where}: a name may hold letters, digits, "_", "-" and "." only`);
  if (!isObject(entry)) return void out.problems.push(`${where} must be an object`);
  const type = entry.type ?? (typeof entry.url === 'string' ? 'http' : 'stdio');
  if (type === 'stdio') {
    if (typeof entry.command !== 'string' || !entry.command.trim()) return void out.problems.push(`${where}: "command" is missing`);
    const args = entry.args ?? [];
    if (!Array.isArray(args) || !args.every((arg) => typeof arg === 'string')) return void out.problems.push(`${where}: "args" must be a list of strings`);
    const env = strings(entry.env);
    if (!env) return void out.problems.push(`${where}: "env" must map names to strings`);
    out.servers.push({ name, kind: 'stdio', command: entry.command, args, env, ...(typeof entry.cwd === 'string' ? { cwd: entry.cwd } : {}), source, origin });
    return;
  }
  if (type === 'http' || type === 'sse') {
    if (typeof entry.url !== 'string' || !/^https?:\/\//i.test(entry.url)) return void out.problems.push(`${where}: "url" must be an http(s) address`);
    const headers = strings(entry.headers);
    if (!headers) return void out.problems.push(`${where}: "headers" must map names to strings`);
    out.servers.push({ name, kind: type, url: entry.url, headers, source, origin });
    return;
  }
  out.problems.push(`${where}: unknown type "${String(type)}" (stdio, http or sse)`);
}

function strings(value: unknown): Record<string, string> | undefined {
  if (value === undefined) return {};
  if (!isObject(value) || !Object.values(value).every((item) => typeof item === 'string')) return undefined;
  return value as Record<string, string>;
}

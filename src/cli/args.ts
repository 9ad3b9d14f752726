// Command-line arguments and their environment fallbacks, as pure functions so they are
// tested without spawning a process.
import { parseArgs } from 'node:util';
import type { ApprovalPolicy } from '../agent/tools/tool';
import { searchConfig, type SearchConfig } from '../agent/web/searchApi';
import { isToolMode, type ToolMode } from '../llm/toolMode';
import { CHAT_MODES, isChatMode, type ChatMode } from '../agent/modes/chatMode';
import { checkCopyEntries, type CopyEntry } from '../agent/worktrees/copyFiles';

export interface CliOptions {
  cwd: string;
  baseURL?: string;
  apiKey?: string;
  model?: string;
  approve: ApprovalPolicy;
  allow: string[];
  /** Command rules that never run, whoever approves (--deny). */
  deny: string[];
  /** Run commands in the OS sandbox where there is one (--sandbox on, the default). */
  sandbox: boolean;
  /** Hosts sandboxed commands may reach; `*` for the whole network. */
  allowNetwork: string[];
  /** Secret-looking environment variables commands get all the same. */
  passEnv: string[];
  /** MCP configuration files of the user's, besides VS Code's (--mcp-config). */
  mcpConfig: string[];
  /** Start the workspace's MCP servers (--trust-mcp; --approve all does too). */
  trustMcp: boolean;
  /** MCP tools that run without asking: server__tool, or server__* (--allow-mcp). */
  allowMcp: string[];
  /** fetch_url: domains fetched without asking, and hosts that may be on a private address. */
  allowDomains?: string[];
  privateHosts?: string[];
  /** web_search's API, from OURO_SEARXNG_URL or BRAVE_API_KEY; undefined: search is off. */
  search?: SearchConfig;
  maxSteps: number;
  /** Retries of a failed request (env OURO_MAX_RETRIES); undefined keeps the client's default. */
  maxRetries?: number;
  json: boolean;
  /** Ask the model after each step's tool results whether a tool of its own would help. */
  reflect?: boolean;
  /** Save the conversation here after every step, and continue it if the file exists. */
  conversation?: string;
  /** Tokens the model takes in one request (env OURO_CONTEXT_WINDOW); undefined: the table's. */
  contextWindow?: number;
  /** How the model calls tools: native (default) or written as text, for servers without tool support. */
  toolMode?: ToolMode;
  /** ask and plan offer only the tools that look (plan keeps the plan tool); agent, the default, all. */
  mode?: ChatMode;
  /** The project's checks (--check): what the agent runs before it finishes a change, and what judges --best-of's attempts, instead of those AGENTS.md or package.json name. */
  checks?: string[];
  /** Do not ask the agent to run the checks before it finishes (--no-checks). */
  noChecks?: boolean;
  /** Run in a new git worktree of the workspace instead of the workspace itself (--worktree). */
  worktree?: boolean;
  /** Run N attempts in N worktrees and choose one by the project's checks (--best-of). */
  bestOf?: number;
  /** Models the attempts take in turn, instead of --model (--attempt-model, repeatable). */
  attemptModels?: string[];
  /** Sampling temperature of every request (--temperature); undefined: the server's default. */
  temperature?: number;
  /** The temperature of --best-of's attempts after the first, so they differ from it (--attempt-temperature). */
  attemptTemperature?: number;
  /** Files copied into each new worktree, FROM:TO (--copy, repeatable). */
  copy?: CopyEntry[];
  prompt: string;
}

export const USAGE = `Usage: ouro [options] PROMPT
       ouro acp [options]   speak the Agent Client Protocol on stdin/stdout, for
                            editors that host agents (the same options, no PROMPT)
       ouro sessions [diff|apply|discard BRANCH]
                            list the worktree sessions, or show, apply or
                            remove one (ouro sessions --help)

Options:
  --cwd DIR              workspace folder (default: the current folder)
  --base-url URL         OpenAI-compatible endpoint (env OPENAI_BASE_URL)
  --api-key KEY          API key (env OPENAI_API_KEY)
  --model NAME           model name (env OURO_MODEL)
  --approve none|edits|all
                         what runs without asking (default: none)
  --allow RULE           run commands that start with RULE's words without asking
                         (repeatable; options that write files or run code excepted)
  --deny RULE            never run commands that start with RULE's words, wherever
                         they hide in the line (repeatable; deny wins)
  --sandbox on|off       run commands in an OS sandbox (default: on where there is
                         one): only the workspace writable, no network, no secrets
  --allow-network HOST   let sandboxed commands reach HOST through Ouro's proxy
                         (example.com, *.example.com, host:port; programs that
                         honour HTTPS_PROXY, like curl and npm; Linux only: on
                         macOS hosts give no network); * gives them the whole
                         network (repeatable)
  --pass-env NAME        give commands this variable although it looks like a
                         secret (they get none of *_KEY, *_TOKEN, OPENAI_*...)
  --mcp-config FILE      read MCP servers from FILE too (VS Code's mcp.json format;
                         besides .vscode/mcp.json, .ouro/mcp.json and the user's
                         VS Code mcp.json; repeatable)
  --trust-mcp            start the MCP servers the workspace's files name (they do
                         not start otherwise, unless --approve all)
  --allow-mcp NAME       run the MCP tool NAME (server__tool, or server__* for all
                         of a server's) without asking (repeatable)
  --allow-domain DOMAIN  fetch pages of DOMAIN and its subdomains without asking
                         (repeatable)
  --allow-private-host HOST
                         let fetch_url reach HOST on a private or loopback
                         address, e.g. localhost; * for any (repeatable)
  --max-steps N          stop after N model requests (default: 50)
  --json                 print one event per line as JSON
  --reflect              after each step's tool results, ask whether a tool of its own would help
  --conversation FILE    save the conversation to FILE after every step; if FILE
                         exists, continue it with PROMPT
  --context-window N     tokens the model takes (env OURO_CONTEXT_WINDOW; default:
                         known per model)
  --tool-mode native|text
                         native: structured tool calls (default; calls written as
                         text are still recognised); text: no tools parameter, the
                         tools are described in the prompt (servers without tools)
  --mode agent|ask|plan  agent: every tool (default); ask: only tools that read,
                         nothing is edited or run; plan: the same, and the answer
                         is a plan (the plan tool)
  --check CMD            the project's check, instead of the test, lint and type-check
                         commands AGENTS.md names or package.json's test script: the
                         agent runs it (with run_command, under the same rules as any
                         command) before it finishes a change, and it judges
                         --best-of's attempts (repeatable)
  --no-checks            do not ask the agent to run the project's checks before it
                         finishes a change
  --worktree             work in a new git worktree (branch ouro/<title>, in
                         OURO_WORKTREES or the user's state folder), not in the
                         workspace; prints the branch and folder at the end
  --best-of N            run N attempts (2 to 5) in N worktrees, then the
                         project's checks in each; prints a table and the winner
                         (most checks passed, then the smallest diff)
  --attempt-model NAME   a model for --best-of's attempts, taken in turn (repeatable;
                         default: --model for every attempt)
  --attempt-temperature T
                         the sampling temperature (0 to 2) of --best-of's attempts
                         after the first, so the same model tries other ways
  --temperature T        the sampling temperature (0 to 2) of every request; default:
                         the server's (a model that takes none is asked without it)
  --copy FROM[:TO]       copy this file of the workspace into each new worktree
                         (e.g. .env.example:.env; repeatable)
  -h, --help             show this help

web_search uses OURO_SEARXNG_URL (a SearXNG instance) or BRAVE_API_KEY; without
either it is off.`;

/** Thrown for a bad command line; the message is the one line printed before the usage. */
export class UsageError extends Error {}

const POLICIES: readonly ApprovalPolicy[] = ['none', 'edits', 'all'];

/** The flags that name the endpoint, shared with `ouro eval`. */
export const ENDPOINT_OPTIONS = {
  'base-url': { type: 'string' },
  'api-key': { type: 'string' },
  model: { type: 'string' },
} as const;

/** `takesPrompt` false: `ouro acp`, whose prompts come over the protocol (`prompt` is then ""). */
export function parseCliArgs(argv: string[], env: Record<string, string | undefined>, cwd: string, takesPrompt = true): CliOptions | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        cwd: { type: 'string' },
        ...ENDPOINT_OPTIONS,
        approve: { type: 'string' },
        allow: { type: 'string', multiple: true },
        deny: { type: 'string', multiple: true },
        sandbox: { type: 'string' },
        'allow-network': { type: 'string', multiple: true },
        'pass-env': { type: 'string', multiple: true },
        'mcp-config': { type: 'string', multiple: true },
        'trust-mcp': { type: 'boolean' },
        'allow-mcp': { type: 'string', multiple: true },
        'allow-domain': { type: 'string', multiple: true },
        'allow-private-host': { type: 'string', multiple: true },
        'max-steps': { type: 'string' },
        json: { type: 'boolean' },
        reflect: { type: 'boolean' },
        conversation: { type: 'string' },
        'context-window': { type: 'string' },
        'tool-mode': { type: 'string' },
        mode: { type: 'string' },
        check: { type: 'string', multiple: true },
        'no-checks': { type: 'boolean' },
        worktree: { type: 'boolean' },
        'best-of': { type: 'string' },
        'attempt-model': { type: 'string', multiple: true },
        'attempt-temperature': { type: 'string' },
        temperature: { type: 'string' },
        copy: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values, positionals } = parsed;
  if (values.help) return 'help';

  const approve = (values.approve ?? 'none') as ApprovalPolicy;
  if (!POLICIES.includes(approve)) throw new UsageError(`--approve must be one of ${POLICIES.join(', ')}, not "${values.approve}"`);

  const sandbox = values.sandbox ?? 'on';
  if (sandbox !== 'on' && sandbox !== 'off') throw new UsageError(`--sandbox must be on or off, not "${values.sandbox}"`);

  const maxSteps = values['max-steps'] === undefined ? 50 : Number(values['max-steps']);
  if (!Number.isInteger(maxSteps) || maxSteps < 1) throw new UsageError(`--max-steps must be a whole number of at least 1, not "${values['max-steps']}"`);

  const retries = nonEmpty(env.OURO_MAX_RETRIES);
  const maxRetries = retries === undefined ? undefined : Number(retries);
  if (maxRetries !== undefined && (!Number.isInteger(maxRetries) || maxRetries < 0)) {
    throw new UsageError(`OURO_MAX_RETRIES must be a whole number, not "${retries}"`);
  }

  const windowText = nonEmpty(values['context-window']) ?? nonEmpty(env.OURO_CONTEXT_WINDOW);
  const contextWindow = windowText === undefined ? undefined : Number(windowText);
  if (contextWindow !== undefined && (!Number.isInteger(contextWindow) || contextWindow < 1000)) {
    throw new UsageError(`--context-window must be a whole number of tokens, at least 1000, not "${windowText}"`);
  }

  const toolMode = values['tool-mode'];
  if (toolMode !== undefined && !isToolMode(toolMode)) throw new UsageError(`--tool-mode must be native or text, not "${toolMode}"`);

  const mode = values.mode;
  if (mode !== undefined && !isChatMode(mode)) throw new UsageError(`--mode must be one of ${CHAT_MODES.join(', ')}, not "${mode}"`);

  const prompt = positionals.join(' ').trim();
  if (takesPrompt && !prompt) throw new UsageError('no prompt given');
  if (!takesPrompt && prompt) throw new UsageError(`acp takes no prompt (the editor sends them), not "${prompt}"`);

  return {
    cwd: values.cwd ?? cwd,
    baseURL: nonEmpty(values['base-url']) ?? nonEmpty(env.OPENAI_BASE_URL),
    apiKey: nonEmpty(values['api-key']) ?? nonEmpty(env.OPENAI_API_KEY),
    model: nonEmpty(values.model) ?? nonEmpty(env.OURO_MODEL),
    approve,
    allow: values.allow ?? [],
    deny: values.deny ?? [],
    sandbox: sandbox === 'on',
    allowNetwork: values['allow-network'] ?? [],
    passEnv: values['pass-env'] ?? [],
    mcpConfig: values['mcp-config'] ?? [],
    trustMcp: values['trust-mcp'] ?? false,
    allowMcp: values['allow-mcp'] ?? [],
    ...(values['allow-domain'] ? { allowDomains: values['allow-domain'] } : {}),
    ...(values['allow-private-host'] ? { privateHosts: values['allow-private-host'] } : {}),
    ...withSearch(searchConfig(env.OURO_SEARXNG_URL, env.BRAVE_API_KEY)),
    maxSteps,
    maxRetries,
    json: values.json ?? false,
    ...(values.reflect ? { reflect: true } : {}),
    ...(nonEmpty(values.conversation) ? { conversation: nonEmpty(values.conversation) } : {}),
    ...(contextWindow !== undefined ? { contextWindow } : {}),
    ...(toolMode ? { toolMode } : {}),
    ...(mode && mode !== 'agent' ? { mode } : {}),
    ...withChecks(values.check),
    ...(values['no-checks'] ? { noChecks: true } : {}),
    ...worktreeFlags(values),
    ...temperatures(values),
    prompt,
  };
}

function withChecks(commands: string[] | undefined): { checks?: string[] } {
  const checks = (commands ?? []).map((command) => command.trim()).filter(Boolean);
  return checks.length > 0 ? { checks } : {};
}

/** --worktree, --best-of, --attempt-model and --copy, checked. */
function worktreeFlags(values: { worktree?: boolean; 'best-of'?: string; 'attempt-model'?: string[]; copy?: string[] }): Pick<CliOptions, 'worktree' | 'bestOf' | 'attemptModels' | 'copy'> {
  const text = values['best-of'];
  const bestOf = text === undefined ? undefined : Number(text);
  if (bestOf !== undefined && (!Number.isInteger(bestOf) || bestOf < 2 || bestOf > 5)) throw new UsageError(`--best-of must be a whole number from 2 to 5, not "${text}"`);
  const models = values['attempt-model']?.map((model) => model.trim()).filter(Boolean);
  if (models && bestOf === undefined) throw new UsageError('--attempt-model names a model for the attempts of --best-of: pass --best-of N too');
  if (values.copy && !values.worktree && bestOf === undefined) throw new UsageError('--copy fills new worktrees: pass --worktree or --best-of N too');
  const copy = values.copy?.map(copyEntry);
  return { ...(values.worktree ? { worktree: true } : {}), ...(bestOf !== undefined ? { bestOf } : {}), ...(models?.length ? { attemptModels: models } : {}), ...(copy ? { copy } : {}) };
}

function temperatures(values: { temperature?: string; 'attempt-temperature'?: string; 'best-of'?: string }): Pick<CliOptions, 'temperature' | 'attemptTemperature'> {
  const parse = (flag: string, text: string | undefined): number | undefined => {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!text.trim() || !Number.isFinite(value) || value < 0 || value > 2) throw new UsageError(`${flag} must be a number from 0 to 2, not "${text}"`);
    return value;
  };
  const temperature = parse('--temperature', values.temperature);
  const attemptTemperature = parse('--attempt-temperature', values['attempt-temperature']);
  if (attemptTemperature !== undefined && values['best-of'] === undefined) throw new UsageError('--attempt-temperature is for the attempts of --best-of: pass --best-of N too');
  return { ...(temperature !== undefined ? { temperature } : {}), ...(attemptTemperature !== undefined ? { attemptTemperature } : {}) };
}

/** FROM[:TO] of --copy, refused when either leaves the workspace. */
function copyEntry(text: string): CopyEntry {
  const [from, to] = text.split(':', 2).map((part) => part.trim());
  const entry = to ? { from, to } : { from };
  try {
    checkCopyEntries([entry]);
  } catch (err) {
    throw new UsageError(`--copy ${text}: ${(err as Error).message}`);
  }
  return entry;
}

function withSearch(search: SearchConfig | undefined): { search?: SearchConfig } {
  return search ? { search } : {};
}

export function nonEmpty(value: string | undefined): string | undefined {
  return value && value.trim() ? value.trim() : undefined;
}

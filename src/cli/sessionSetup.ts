// What a CLI run and an editor's session (`ouro acp`) both set up on a workspace folder from the
// same options: the endpoint, the model, the system prompt with the project's rules and skills,
// and the tools (self-made, MCP) with the command runner and hooks they use. Problems go to
// stderr, one line each.
import { basename } from 'node:path';
import { homedir } from 'node:os';
import { validateCommandRules } from '../agent/commands/commandPolicy';
import type { CommandRunner } from '../agent/commands/commandRunner';
import { NodeCommandRunner } from '../agent/commands/nodeCommandRunner';
import { isolatedRunner } from '../agent/commands/sandbox/isolatedRunner';
import { networkAllowed } from '../agent/commands/sandbox/networkAccess';
import { CustomToolSource } from '../agent/customTools/customToolSource';
import { setUpHooks } from '../agent/hooks/hookSetup';
import type { Hooks } from '../agent/hooks/hooks';
import type { McpServerConfig } from '../agent/mcp/mcpConfig';
import type { Model } from '../agent/model';
import { buildSystemPrompt } from '../agent/prompt';
import { loadProjectRules } from '../agent/rules/projectRules';
import { SkillLibrary } from '../agent/skills/skillLibrary';
import { homeSkillReader, workspaceSkillReaders } from '../agent/skills/skillReaders';
import { createTools } from '../agent/tools/index';
import { modeToolSource } from '../agent/modes/chatMode';
import type { ToolSource } from '../agent/toolSource';
import type { Workspace } from '../agent/workspace/workspace';
import { OpenAICompatibleModel } from '../llm/openaiCompatible';
import { withToolMode } from '../llm/textToolCalls/toolModeModel';
import type { CliOptions } from './args';
import { startMcp } from './mcpSetup';

export interface Output {
  write(text: string): void;
}

export interface Endpoint {
  model: string;
  baseURL: string;
}

/** The model and the URL to reach it, or why there is none (a one-line reason). */
export function endpointOf(options: Pick<CliOptions, 'model' | 'baseURL' | 'apiKey'>): Endpoint | { problem: string } {
  if (!options.model) return { problem: 'no model configured: pass --model NAME or set OURO_MODEL' };
  // With a key and no URL, the key is OpenAI's; without either there is nothing to talk to.
  const baseURL = options.baseURL ?? (options.apiKey ? 'https://api.openai.com/v1' : undefined);
  if (!baseURL) return { problem: 'no endpoint configured: pass --base-url URL or set OPENAI_BASE_URL' };
  return { model: options.model, baseURL };
}

export function createModel(options: CliOptions, endpoint: Endpoint): Model {
  return withToolMode(new OpenAICompatibleModel({ baseURL: endpoint.baseURL, apiKey: options.apiKey, model: endpoint.model, maxRetries: options.maxRetries, temperature: options.temperature }), options.toolMode ?? 'native');
}

export interface ProjectPrompt {
  systemPrompt: string;
  /** Absent when no skill was found. */
  skills?: SkillLibrary;
}

/** The system prompt for `cwd`: its AGENTS.md and rules, the skills there and in the home folder. */
export async function loadProjectPrompt(workspace: Workspace, cwd: string, options: CliOptions, stderr: Output): Promise<ProjectPrompt> {
  const rules = await loadProjectRules(workspace);
  if (rules.files.length > 0) stderr.write(`rules: ${rules.files.map((file) => file.path + (file.truncated ? ' (cut)' : '')).join(', ')}\n`);
  for (const problem of rules.problems) stderr.write(`rules: ${problem}\n`);
  const skills = new SkillLibrary([...workspaceSkillReaders(workspace), homeSkillReader()]);
  const skillList = await skills.list();
  for (const problem of skillList.problems) stderr.write(`skills: ${problem}\n`);
  const systemPrompt = buildSystemPrompt({ folders: [basename(cwd)], os: process.platform, shell: process.env.SHELL, rules: rules.text, skills: skillList.skills, webSearch: options.search !== undefined });
  return { systemPrompt, ...(skillList.skills.length > 0 ? { skills } : {}) };
}

export interface SessionTools {
  tools: ToolSource;
  commands: CommandRunner;
  hooks?: Hooks;
  /** Stops the command runner's helpers and the MCP servers. */
  dispose(): Promise<void>;
}

export interface SessionToolsOptions {
  cwd: string;
  workspace: Workspace;
  skills?: SkillLibrary;
  sessionId: string;
  stderr: Output;
  /** Command rules that run without asking; the caller may add to it later (an editor's "always allow"). */
  allow?: string[];
  /** MCP servers besides the configured ones (those an editor passes for its session). */
  mcpServers?: McpServerConfig[];
}

export async function startSessionTools(options: CliOptions, setup: SessionToolsOptions): Promise<SessionTools> {
  const { stderr } = setup;
  const commands = await isolatedRunner(new NodeCommandRunner({ allow: setup.allow ?? options.allow, deny: options.deny, passEnv: options.passEnv }), {
    enabled: options.sandbox,
    allowNetwork: () => options.allowNetwork,
  });
  const isolation = commands.isolation?.();
  if (isolation && isolation.kind !== 'sandbox') stderr.write(`commands: no sandbox (${isolation.reason}): ${isolation.kind === 'off' ? 'an allow rule covers only the exact command' : 'every command asks'}\n`);
  for (const problem of networkAllowed(options.allowNetwork).problems) stderr.write(`commands: ${problem}\n`);
  for (const problem of await validateCommandRules([...options.allow, ...options.deny])) stderr.write(`commands: ${problem}\n`);
  const hookSetup = await setUpHooks({ home: homedir(), folders: [setup.cwd], commands, workspace: setup.workspace, sessionId: setup.sessionId });
  for (const problem of hookSetup.problems) stderr.write(`hooks: ${problem}\n`);
  const mcp = await startMcp(options, setup.cwd, stderr, setup.mcpServers);
  const builtIn = createTools({ skills: setup.skills, fetch: { allowDomains: options.allowDomains ?? [], privateHosts: options.privateHosts ?? [] }, search: options.search });
  // Self-made tools under .ouro/tools/ are read again before every step.
  // The mode filters last, so no MCP or self-made tool slips past it.
  const tools = modeToolSource(options.mode ?? 'agent', mcp.withTools(new CustomToolSource(setup.workspace, builtIn, { onProblem: (entry) => stderr.write(`tools: ${entry.problem}\n`), reflect: options.reflect }).forStep));
  return {
    tools,
    commands,
    ...(hookSetup.hooks ? { hooks: hookSetup.hooks } : {}),
    dispose: async () => {
      await commands.dispose?.();
      await mcp.close();
    },
  };
}

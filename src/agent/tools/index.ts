// The tool registry: an explicit list, so what the model can call is visible in one place.
import { askUserTool } from './askUser';
import { editFileTool } from './editFile';
import { createFetchUrlTool } from './fetchUrl';
import { getDiagnosticsTool } from './getDiagnostics';
import { listFilesTool } from './listFiles';
import { planTool } from './plan';
import { readFileTool } from './readFile';
import { createRememberTool, type RememberOptions } from './remember';
import { runCommandTool } from './runCommand';
import { searchFilesTool } from './searchFiles';
import type { SkillLibrary } from '../skills/skillLibrary';
import type { SearchConfig } from '../web/searchApi';
import type { FetchPolicy } from '../web/webPolicy';
import type { Tool } from './tool';
import { createUseSkillTool } from './useSkill';
import { createWebSearchTool } from './webSearch';
import { writeFileTool } from './writeFile';

export interface ToolOptions {
  /** Where remember adds lessons (AGENTS.md by default). */
  remember?: RememberOptions;
  /** The skills use_skill loads; without them there is no use_skill. */
  skills?: SkillLibrary;
  /** What fetch_url may do without asking; by default it asks for every page and no private address. */
  fetch?: FetchPolicy;
  /** The search API web_search uses; without one there is no web_search (the prompt says so). */
  search?: SearchConfig;
}

export function createTools(options: ToolOptions = {}): Tool[] {
  return [
    readFileTool,
    listFilesTool,
    searchFilesTool,
    writeFileTool,
    editFileTool,
    runCommandTool,
    getDiagnosticsTool,
    createFetchUrlTool(options.fetch),
    ...(options.search ? [createWebSearchTool(options.search)] : []),
    createRememberTool(options.remember),
    planTool,
    askUserTool,
    ...(options.skills ? [createUseSkillTool(options.skills)] : []),
  ];
}

export function findTool(tools: readonly Tool[], name: string): Tool | undefined {
  return tools.find((tool) => tool.name === name);
}

// The tool registry: an explicit list, so what the model can call is visible in one place.
import { editFileTool } from './editFile';
import { listFilesTool } from './listFiles';
import { readFileTool } from './readFile';
import { searchFilesTool } from './searchFiles';
import type { Tool } from './tool';
import { writeFileTool } from './writeFile';

export function createTools(): Tool[] {
  return [readFileTool, listFilesTool, searchFilesTool, writeFileTool, editFileTool];
}

export function findTool(tools: readonly Tool[], name: string): Tool | undefined {
  return tools.find((tool) => tool.name === name);
}

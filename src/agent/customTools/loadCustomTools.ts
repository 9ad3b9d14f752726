// Finds the self-made tools of a workspace: every folder under .ouro/tools/ in each workspace
// folder, read through the Workspace port (so ignore rules and path safety apply). A folder that
// is not a usable tool is reported with the exact problem instead.
import type { Tool } from '../tools/tool';
import { loadTextFile } from '../tools/textFile';
import { filesIn, foldersIn, inEachFolder } from '../workspace/folderPaths';
import type { Workspace } from '../workspace/workspace';
import { createCustomTool } from './customTool';
import { checkManifest, MANIFEST_FILE, TOOLS_FOLDER } from './toolManifest';

export interface CustomToolProblem {
  /** The tool's folder, as a display path. */
  folder: string;
  problem: string;
}

export interface CustomTools {
  tools: Tool[];
  problems: CustomToolProblem[];
}

/** A tool.json is checked again (and its Tool made again) only when its text or its folder's files changed. */
export type ManifestCache = Map<string, { key: string; made: { ok: true; tool: Tool } | { ok: false; problem: string } }>;

/** `taken`: the names of the built-in tools, which a self-made tool may not reuse. */
export async function loadCustomTools(workspace: Workspace, taken: readonly string[], cache: ManifestCache = new Map()): Promise<CustomTools> {
  const names = new Set(taken);
  const tools: Tool[] = [];
  const problems: CustomToolProblem[] = [];
  for (const toolsFolder of inEachFolder(workspace, TOOLS_FOLDER)) {
    for (const folder of await foldersIn(workspace, toolsFolder)) {
      const name = folder.slice(folder.lastIndexOf('/') + 1);
      const manifestPath = `${folder}/${MANIFEST_FILE}`;
      try {
        const loaded = await loadTextFile(workspace, manifestPath, 256 * 1024);
        if (loaded.error !== undefined) {
          problems.push({ folder, problem: `${manifestPath}: ${loaded.error}` });
          continue;
        }
        if (!loaded.file) {
          problems.push({ folder, problem: `${folder}/ has no ${MANIFEST_FILE}, so it is not a tool yet.` });
          continue;
        }
        const files = (await filesIn(workspace, folder)).map((file) => file.slice(folder.length + 1));
        const key = `${files.join('\0')}\0\0${loaded.file.text}\0\0${[...names].join('\0')}`;
        let entry = cache.get(manifestPath);
        if (entry?.key !== key) {
          const check = checkManifest(loaded.file.text, { name, files }, names);
          entry = { key, made: check.ok ? { ok: true, tool: createCustomTool(check.tool, await workspace.resolve(folder)) } : check };
          cache.set(manifestPath, entry);
        }
        if (!entry.made.ok) {
          problems.push({ folder, problem: `${manifestPath} is not a usable tool: ${entry.made.problem}.` });
          continue;
        }
        names.add(entry.made.tool.name);
        tools.push(entry.made.tool);
      } catch (err) {
        problems.push({ folder, problem: `${folder}/ could not be loaded: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
  }
  return { tools, problems };
}

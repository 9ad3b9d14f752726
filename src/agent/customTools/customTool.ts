// A self-made tool as the loop sees it: an execute-kind Tool whose arguments are checked
// against the tool's own JSON schema and reach its program as JSON on stdin, never through a
// shell line. Its command line is judged exactly like run_command's (the same rules, risky options
// and deny spellings): deny rules refuse it, an allow rule that covers it lets it run, anything
// else asks the user.
import { checkCommand, containedVerdict } from '../commands/commandPolicy';
import { decideRun, withRunNote } from '../tools/runApproval';
import { describeRun } from '../tools/runCommand';
import type { Tool } from '../tools/tool';
import { failure, reportingFailures } from '../tools/toolFailure';
import type { ResolvedPath } from '../workspace/workspace';
import { argumentsSchema, type ToolArguments } from './parameterSchema';
import type { ToolDefinition } from './toolManifest';

export type { ToolArguments } from './parameterSchema';

/** `folder` is the tool's folder as the workspace resolved it (`.ouro/tools/<name>`). */
export function createCustomTool(definition: ToolDefinition, folder: ResolvedPath): Tool<ToolArguments> {
  const shown = definition.argv.map((word, i) => (definition.toolFiles[i] ? `${folder.display}/${word}` : word));
  const commandLine = shown.map(shellWord).join(' ');
  return {
    name: definition.name,
    description: definition.description,
    schema: argumentsSchema(definition.parameters, definition.validate),
    kind: 'execute',
    run: reportingFailures(async (args, ctx) => {
      const runner = ctx.commands;
      if (!runner?.runProgram) return failure(`${definition.name} cannot run here: this host cannot run programs.`);
      const verdict = containedVerdict(await checkCommand(commandLine, runner.rules()), runner.isolation?.());
      if (verdict.action === 'deny') return failure(`Refused, not run: ${verdict.reason}. A refusal stands whoever approves.`);
      const input = JSON.stringify(args);
      const detail = `runs ${commandLine} in ${workspaceFolder(folder).display}, with the arguments as JSON on stdin: ${input}`;
      const request = { kind: 'execute' as const, title: `${definition.name} (self-made tool)`, detail, command: commandLine };
      const decision = await decideRun(ctx, request, verdict.action === 'ask', `The user did not allow ${definition.name} to run`);
      if (!decision.run) return decision.result;
      const toolDir = absolute(folder);
      const argv = definition.argv.map((word, i) => (definition.toolFiles[i] ? `${toolDir}/${word}` : word));
      const result = await runner.runProgram(argv, workspaceFolder(folder), {
        stdin: input,
        env: { OURO_TOOL_DIR: toolDir },
        timeoutMs: definition.timeoutMs,
        signal: ctx.signal,
      });
      return withRunNote({ content: describeRun(result), ...(result.exitCode === 0 ? {} : { isError: true }) }, decision);
    }),
  };
}

/** Programs run in the workspace folder the tool belongs to, where the files they work on are. */
function workspaceFolder(folder: ResolvedPath): ResolvedPath {
  const slash = folder.display.length - folder.relative.length - 1;
  return { display: slash > 0 ? folder.display.slice(0, slash) : '.', root: folder.root, relative: '' };
}

function absolute(folder: ResolvedPath): string {
  const root = folder.root.replace(/[\\/]+$/, '');
  return folder.relative ? `${root}/${folder.relative}` : root;
}

/** A word as a shell would read it back, for the command policy and the approval prompt. */
function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

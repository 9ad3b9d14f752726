// remember: the agent keeps a lesson for later conversations by proposing to add it to the
// project's rules file (AGENTS.md, or .ouro/rules/learned.md when so configured). It is an edit
// like any other, so the user reviews it; the project rules load it from the next conversation.
import * as z from 'zod';
import { AGENTS_FILE, RULES_FOLDER } from '../rules/projectRules';
import { appendLesson, cleanLesson, lessonProblem } from '../rules/lessons';
import { inEachFolder } from '../workspace/folderPaths';
import { detectLineEnding, withBom } from '../workspace/text';
import { describeOutcome } from './proposalResult';
import { loadTextFile } from './textFile';
import { defineTool, type Tool } from './tool';
import { failure, reportingFailures } from './toolFailure';

/** Where lessons go when the user would rather keep AGENTS.md as they wrote it. */
export const LEARNED_RULES_FILE = `${RULES_FOLDER}/learned.md`;

export interface RememberOptions {
  /** The rules file lessons are added to, relative to the (first) workspace folder; AGENTS.md by default. */
  file?: string;
}

const schema = z.object({
  lesson: z.string().describe('One short, durable fact or rule, with its reason'),
});

export function createRememberTool(options: RememberOptions = {}): Tool<z.infer<typeof schema>> {
  const file = options.file ?? AGENTS_FILE;
  return defineTool({
    name: 'remember',
    description: `Keep a lesson about this project for future conversations (added to ${file} after review).`,
    schema,
    kind: 'edit',
    run: reportingFailures(async (args, ctx) => {
      const path = inEachFolder(ctx.workspace, file)[0];
      const loaded = await loadTextFile(ctx.workspace, path);
      if (loaded.error !== undefined) return failure(loaded.error);
      const { display, file: current } = loaded;
      const problem = lessonProblem(args.lesson, current?.text ?? '', display);
      if (problem) return failure(problem);

      const original = current ? withBom(current.text, current.bom) : undefined;
      const content = withBom(appendLesson(current?.text ?? '', args.lesson, detectLineEnding(current?.text ?? '')), current?.bom ?? false);
      const proposal = { path: display, content, original, summary: `remember: add a lesson to ${display}`, toolCallId: ctx.toolCallId };
      const outcome = await ctx.workspace.propose(proposal, ctx.signal);
      return describeOutcome(proposal, outcome, () => `Remembered in ${display}: ${cleanLesson(args.lesson)} It is part of the project rules from the next conversation on.`);
    }),
  });
}

export const rememberTool = createRememberTool();

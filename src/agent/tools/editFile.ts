// edit_file: replace old_string with new_string, through review. The matching is the edit
// engine's (src/agent/edits); this tool reads and decodes the file, keeps its byte-order mark,
// proposes the result and tells the model what the changed lines now look like.
import * as z from 'zod';
import { applyEdit } from '../edits/index';
import { withBom } from '../workspace/text';
import { changedLines } from './changedLines';
import { count } from './fileDisplay';
import { describeOutcome } from './proposalResult';
import { fileNotFound, loadTextFile } from './textFile';
import { defineTool } from './tool';
import { failure, reportingFailures } from './toolFailure';

const schema = z.object({
  path: z.string(),
  old_string: z.string().describe('Text to replace, as in the file, with enough context to be unique'),
  new_string: z.string(),
  replace_all: z.boolean().optional().describe('Replace every occurrence'),
});

/** How the engine found old_string, when not verbatim: the model should know it was lenient. */
const LENIENCY: Record<string, string> = {
  indentation: 'old_string matched with different indentation; new_string was re-indented to fit',
  normalised: 'old_string matched after normalising line endings, whitespace or quotes',
};

export const editFileTool = defineTool({
  name: 'edit_file',
  description: 'Replace old_string with new_string in a file. old_string must be unique unless replace_all is set.',
  schema,
  kind: 'edit',
  run: reportingFailures(async (args, ctx) => {
    const loaded = await loadTextFile(ctx.workspace, args.path);
    if (loaded.error !== undefined) return failure(loaded.error);
    const { display, file } = loaded;
    if (!file) return failure(await fileNotFound(ctx.workspace, display, ' To create a file, use write_file.'));
    if (file.lossy) return failure(`${display} is not valid UTF-8 throughout; editing it would corrupt the bytes that are not, so it is refused.`);

    const edit = applyEdit(file.text, { oldString: args.old_string, newString: args.new_string, replaceAll: args.replace_all });
    if (!edit.ok) return failure(edit.error);

    const original = withBom(file.text, file.bom);
    const replacements = count(edit.replacements, 'replacement');
    const proposal = {
      path: display,
      content: withBom(edit.content, file.bom),
      original,
      summary: `edit_file: ${display} (${replacements})`,
      toolCallId: ctx.toolCallId,
    };
    const outcome = await ctx.workspace.propose(proposal, ctx.signal);
    return describeOutcome(proposal, outcome, (written) => {
      const how = LENIENCY[edit.strategy] ? `; ${LENIENCY[edit.strategy]}` : '';
      return `Edited ${display} (${replacements}${how}). The changed part now reads:\n${changedLines(original, written)}`;
    });
  }),
});

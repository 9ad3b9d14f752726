// edit_file: replace old_string with new_string, through review. The matching is the edit
// engine's (src/agent/edits); this tool reads and decodes the file, keeps its byte-order mark,
// proposes the result and tells the model what the changed lines now look like.
import { z } from 'zod';
import { applyEdit } from '../edits/index';
import { decodeText, withBom } from '../workspace/text';
import { changedLines } from './changedLines';
import { describeOutcome } from './proposalResult';
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
    const { display } = await ctx.workspace.resolve(args.path);
    const info = await ctx.workspace.stat(args.path);
    if (!info) return failure(`File not found: ${display}. To create a file, use write_file.`);
    if (info.type === 'directory') return failure(`${display} is a folder; give the path of a file.`);
    const decoded = decodeText(await ctx.workspace.readFile(args.path));
    if (decoded.kind === 'binary') return failure(`${display} is a binary file (${decoded.reason}); only text files can be edited.`);
    if (decoded.lossy) return failure(`${display} is not valid UTF-8 throughout; editing it would corrupt the bytes that are not, so it is refused.`);

    const edit = applyEdit(decoded.text, { oldString: args.old_string, newString: args.new_string, replaceAll: args.replace_all });
    if (!edit.ok) return failure(edit.error);

    const original = withBom(decoded.text, decoded.bom);
    const replacements = `${edit.replacements} replacement${edit.replacements === 1 ? '' : 's'}`;
    const proposal = {
      path: display,
      content: withBom(edit.content, decoded.bom),
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

// write_file: create a file or replace all of it, through review (`propose`). Replacing keeps
// the file's conventions the model cannot see: its CRLF line endings and its byte-order mark.
import * as z from 'zod';
import { LARGE_WRITE_BYTES } from '../workspace/workspace';
import { convertLineEndings, countLines, detectLineEnding, withBom } from '../workspace/text';
import { count, formatBytes } from './fileDisplay';
import { describeOutcome } from './proposalResult';
import { loadTextFile } from './textFile';
import { defineTool } from './tool';
import { failure, reportingFailures } from './toolFailure';

const schema = z.object({
  path: z.string(),
  content: z.string().describe('The whole file'),
});

export const writeFileTool = defineTool({
  name: 'write_file',
  description: 'Create a file, or replace all of an existing one. Parent folders are created. To change part of a file, use edit_file.',
  schema,
  kind: 'edit',
  run: reportingFailures(async (args, ctx) => {
    const loaded = await loadTextFile(ctx.workspace, args.path);
    if (loaded.error !== undefined) return failure(loaded.error);
    const { display, file } = loaded;

    let content = args.content;
    let original: string | undefined;
    let kept = '';
    if (file) {
      original = withBom(file.text, file.bom);
      if (detectLineEnding(file.text) === '\r\n' && content.includes('\n') && !content.includes('\r\n')) {
        content = convertLineEndings(content, '\r\n');
        kept = ' with its CRLF line endings';
      }
      content = withBom(content, file.bom);
      if (content === original) return { content: `${display} already has exactly this content; nothing was written.` };
    }

    const bytes = Buffer.byteLength(content, 'utf8');
    const size = bytes > LARGE_WRITE_BYTES ? `, large: ${formatBytes(bytes)}` : '';
    const proposal = {
      path: display,
      content,
      original,
      summary: `write_file: ${file ? 'replace' : 'create'} ${display} (${count(countLines(content), 'line')}${size})`,
      toolCallId: ctx.toolCallId,
    };
    const outcome = await ctx.workspace.propose(proposal, ctx.signal);
    return describeOutcome(proposal, outcome, (written) => `${file ? 'Replaced' : 'Created'} ${display}${kept} (${count(countLines(written), 'line')}).`);
  }),
});

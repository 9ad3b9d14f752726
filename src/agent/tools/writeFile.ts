// write_file: create a file or replace all of it, through review (`propose`). Replacing keeps
// the file's conventions the model cannot see: its CRLF line endings and its byte-order mark.
import { z } from 'zod';
import { LARGE_WRITE_BYTES } from '../workspace/workspace';
import { convertLineEndings, countLines, decodeText, detectLineEnding, withBom } from '../workspace/text';
import { formatBytes } from './fileDisplay';
import { describeOutcome } from './proposalResult';
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
    const { display } = await ctx.workspace.resolve(args.path);
    const info = await ctx.workspace.stat(args.path);
    if (info?.type === 'directory') return failure(`${display} is a folder; give the path of a file.`);

    let content = args.content;
    let original: string | undefined;
    let kept = '';
    if (info) {
      const decoded = decodeText(await ctx.workspace.readFile(args.path));
      if (decoded.kind === 'binary') return failure(`${display} is a binary file (${decoded.reason}); write_file only replaces text files.`);
      original = withBom(decoded.text, decoded.bom);
      if (detectLineEnding(decoded.text) === '\r\n' && content.includes('\n') && !content.includes('\r\n')) {
        content = convertLineEndings(content, '\r\n');
        kept = ' with its CRLF line endings';
      }
      content = withBom(content, decoded.bom);
      if (content === original) return { content: `${display} already has exactly this content; nothing was written.` };
    }

    const bytes = Buffer.byteLength(content, 'utf8');
    const size = bytes > LARGE_WRITE_BYTES ? `, large: ${formatBytes(bytes)}` : '';
    const proposal = {
      path: display,
      content,
      original,
      summary: `write_file: ${info ? 'replace' : 'create'} ${display} (${countLines(content)} lines${size})`,
      toolCallId: ctx.toolCallId,
    };
    const outcome = await ctx.workspace.propose(proposal, ctx.signal);
    return describeOutcome(proposal, outcome, (written) => `${info ? 'Replaced' : 'Created'} ${display}${kept} (${countLines(written)} lines).`);
  }),
});

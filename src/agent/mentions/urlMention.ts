// @url: a web page the person named, fetched by fetch_url itself, so its rules hold (http and
// https only, private addresses refused unless allowed, the allow list, redirects checked) and a
// domain off the allow list is fetched only when the approver says yes.
import { createFetchUrlTool } from '../tools/fetchUrl';
import type { Approver } from '../tools/tool';
import { createToolContext } from '../toolContext';
import type { FetchPolicy } from '../web/webPolicy';
import { WorkspaceError, type Workspace } from '../workspace/workspace';

export interface UrlMentionContext {
  policy: FetchPolicy;
  workspace: Workspace;
  approver: Approver;
  signal: AbortSignal;
}

/** The page as fetch_url gives it to the model; throws WorkspaceError with fetch_url's reason when it cannot. */
export async function urlMention(url: string, context: UrlMentionContext): Promise<string> {
  const tool = createFetchUrlTool(context.policy);
  const ctx = createToolContext({ workspace: context.workspace, approver: context.approver, signal: context.signal }, 'mention', () => undefined);
  const result = await tool.run(tool.schema.parse({ url }), ctx);
  if (result.isError) throw new WorkspaceError(result.content);
  return result.content;
}

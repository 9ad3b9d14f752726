// Problems in a file the agent wrote (tool.json, a SKILL.md front matter), in the same words as
// problems in a tool call's arguments.
import type { z } from 'zod';
import { describeIssues } from './runToolCall';

/** "description: missing (expected string); Unrecognized key: "args"" */
export function describeFileIssues(issues: readonly z.core.$ZodIssue[]): string {
  // describeIssues names the object itself "arguments"; here it is the file.
  return describeIssues(issues).replace(/(^|; )arguments: /g, '$1');
}

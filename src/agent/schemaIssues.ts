// What a zod schema found wrong, in words the model can act on: in a tool call's arguments, or in
// a file the agent wrote (tool.json, a SKILL.md front matter).
import type { z } from 'zod';

/** "path: missing (expected string); start_line: Invalid input: expected number, received string" */
export function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((issue) => {
      const field = issue.path.length ? issue.path.join('.') : 'arguments';
      if (issue.code === 'invalid_type' && /received undefined$/.test(issue.message)) return `${field}: missing (expected ${issue.expected})`;
      return `${field}: ${issue.message}`;
    })
    .join('; ');
}

/** "description: missing (expected string); Unrecognized key: "args"" */
export function describeFileIssues(issues: readonly z.core.$ZodIssue[]): string {
  // describeIssues names the object itself "arguments"; here it is the file.
  return describeIssues(issues).replace(/(^|; )arguments: /g, '$1');
}

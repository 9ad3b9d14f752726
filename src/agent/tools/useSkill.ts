// use_skill: the prompt names each skill and says what it is for; this loads one's instructions
// when the task calls for it, lists its files, and reads them (also for skills in the user's
// home folder, which the file tools cannot reach).
import * as z from 'zod';
import type { SkillLibrary } from '../skills/skillLibrary';
import { defineTool, type Tool } from './tool';
import { failure, reportingFailures } from './toolFailure';

const schema = z.object({
  name: z.string(),
  file: z.string().optional().describe("One of the skill's files, to read it"),
});

export function createUseSkillTool(library: SkillLibrary): Tool<z.infer<typeof schema>> {
  return defineTool({
    name: 'use_skill',
    description: "Load a skill's instructions and list its files, or read one of its files.",
    schema,
    kind: 'read',
    run: reportingFailures(async (args) => {
      if (args.file !== undefined) {
        const read = await library.readFile(args.name, args.file);
        return 'error' in read ? failure(read.error) : { content: read.text };
      }
      const loaded = await library.load(args.name);
      if ('error' in loaded) return failure(loaded.error);
      const { skill } = loaded;
      const files = skill.files.length > 0 ? `\n\nFiles in ${skill.location}/ (read one with use_skill and file): ${skill.files.join(', ')}` : '';
      return { content: `Skill ${skill.name} (${skill.location}):\n\n${skill.body || '(no instructions)'}${files}` };
    }),
  });
}

// The system prompt. Short on purpose: it is paid for on every request, and the tool specs say
// the rest.

export interface PromptInfo {
  folders: readonly string[];
  os?: string;
  shell?: string;
  /** Project rules (e.g. from AGENTS.md), appended as given. */
  rules?: string;
  /** Skills by name and what they are for; their instructions are loaded with use_skill. */
  skills?: ReadonlyArray<{ name: string; description: string }>;
  /** A search API is set up, so web_search is listed; otherwise the prompt says search is off. */
  webSearch?: boolean;
}

export function buildSystemPrompt(info: PromptInfo): string {
  const where = info.folders.length > 1
    ? `the workspace folders ${info.folders.join(', ')} (start each path with its folder name)`
    : `the workspace folder ${info.folders[0] ?? '.'}`;
  const machine = [info.os && `OS: ${info.os}`, info.shell && `shell: ${info.shell}`].filter(Boolean).join(', ');
  const lines = [
    `You are Ouro, a coding agent working in ${where}.${machine ? ` ${machine}.` : ''}`,
    'Use the tools to look and act; do not guess what a file says.',
    '- Paths are relative to the workspace. Find things with search_files and list_files.',
    '- Read a file before editing it. Prefer edit_file, with an old_string that occurs once; use write_file for new files.',
        '- A call failed? Fix it from the error and go on.',
    '- Three or more steps: keep a plan.',
    '- Keep going until the task is done (no plan item open without saying why), then say briefly what you changed. ask_user only when blocked.',
    '- Be concise.',
    '- When the user corrects you, or a project fact was costly to find, save it with remember.',
    '- Faster with a tool of your own? Write .ouro/tools/NAME/tool.json {name, description, parameters (JSON schema), command (script or argv)} and the script (arguments as JSON on stdin); use it next step. Same for skills: .ouro/skills/NAME/SKILL.md, front matter name and description.',
  ];
  if (!info.webSearch) lines.push('- Web search is off; fetch_url reads known URLs.');
  if (info.skills?.length) {
    lines.push('', 'Skills (load one with use_skill when the task calls for it):', ...info.skills.map((skill) => `- ${skill.name}: ${skill.description}`));
  }
  if (info.rules?.trim()) lines.push('', 'Project rules:', info.rules.trim());
  return lines.join('\n');
}

// Checks before "done": a model that changed files in this turn and stops without having run the
// project's checks since its last change is asked, once, to run them with run_command and to say
// which passed. The checks then run as any command does (the sandbox where a rule allows it, else
// the person's approval): being named as a check is never permission to run.
import type { ToolCall } from '../conversation';
import { parseArguments } from '../runToolCall';
import type { Workspace } from '../workspace/workspace';
import { findProjectChecks, readIfThere, type ProjectCheck } from './projectChecks';

const CHANGE_TOOLS: ReadonlySet<string> = new Set(['edit_file', 'write_file']);
export const RUN_COMMAND = 'run_command';

export interface TurnCheck extends ProjectCheck {
  /** Other command lines that run the same thing: what `npm test` stands for in package.json, `npm run test`. */
  ranBy?: readonly string[];
}

export class ChecksBeforeDone {
  private changed = false;
  /** The checks run since the last change, by index in `checks`. */
  private readonly ran = new Set<number>();

  constructor(private readonly checks: readonly TurnCheck[]) {}

  /**
   * Notes what a call did: a write or edit that was accepted (on disk or staged for review at the
   * end) is a change; a run_command that runs a check counts for that check until the next change.
   */
  observe(call: ToolCall, failed: boolean): void {
    if (this.checks.length === 0) return;
    if (CHANGE_TOOLS.has(call.name)) {
      if (failed) return;
      this.changed = true;
      this.ran.clear();
      return;
    }
    if (call.name !== RUN_COMMAND || !this.changed) return;
    const parsed = parseArguments(call.arguments);
    const command = parsed.ok && typeof parsed.value.command === 'string' ? normalise(parsed.value.command) : '';
    this.checks.forEach((check, index) => {
      if ([check.command, ...(check.ranBy ?? [])].some((form) => runs(command, normalise(form)))) this.ran.add(index);
    });
  }

  /** What to ask of a model that stops now; undefined when it changed nothing or ran every check since. */
  reminder(staged: boolean): string | undefined {
    if (!this.changed || this.ran.size === this.checks.length) return undefined;
    const left = this.checks.filter((_, index) => !this.ran.has(index));
    const names = left.map((check) => `\`${check.command}\`${check.folder === '.' ? '' : ` (in ${check.folder})`}`).join(', ');
    const which = left.length === 1 ? "the project's check" : "the project's checks";
    const stagedNote = staged ? ' Your changes are staged for review: running a command asks the user whether to keep them first.' : '';
    return (
      `You changed files in this turn and have not run ${which} since: ${names}. Run ${left.length === 1 ? 'it' : 'each'} with ${RUN_COMMAND} before you finish, ` +
      `then say in your final answer which passed. If one fails and you cannot fix it, say so plainly.${stagedNote}`
    );
  }
}

export interface ChecksSettings {
  /** The checks the person configured (the setting, a command-line flag); none: AGENTS.md or package.json decide. */
  configured: readonly string[];
  /** Whether to remind at all (the setting, or its command-line opposite). */
  enabled: boolean;
  /** Only a mode that edits is reminded: in Ask and Plan modes nothing changes. */
  edits: boolean;
}

/** The checks a turn is reminded of: none when the reminder is off or the mode cannot edit. */
export async function checksForTurn(workspace: Workspace, settings: ChecksSettings): Promise<TurnCheck[]> {
  if (!settings.enabled || !settings.edits) return [];
  const { checks } = await findProjectChecks(workspace, settings.configured);
  return Promise.all(checks.map((check) => withScript(workspace, check)));
}

/** A package manager running a script: `npm test`, `npm run lint`, `yarn check`, `pnpm run typecheck`. */
const SCRIPT_RUN = /^(?:npm|pnpm|yarn|bun)(?: run| run-script)? ([\w:.-]+)$/;

/** The check, and what else runs it when it is a package.json script: the script's own command line, the other spellings. */
async function withScript(workspace: Workspace, check: ProjectCheck): Promise<TurnCheck> {
  const command = normalise(check.command);
  const name = command === 'npm t' ? 'test' : SCRIPT_RUN.exec(command)?.[1];
  if (!name) return check;
  const text = await readIfThere(workspace, check.folder === '.' ? 'package.json' : `${check.folder}/package.json`);
  let script: unknown;
  try {
    script = text === undefined ? undefined : (JSON.parse(text) as { scripts?: Record<string, unknown> })?.scripts?.[name];
  } catch {
    return check;
  }
  if (typeof script !== 'string' || !script.trim()) return check;
  const spellings = [`npm run ${name}`, `npm run-script ${name}`, `pnpm ${name}`, `pnpm run ${name}`, `yarn ${name}`, `yarn run ${name}`, `bun run ${name}`];
  return { ...check, ranBy: [script, ...spellings, ...(name === 'test' ? ['npm test', 'npm t'] : [])] };
}

/** Whether `command` runs `form`: it holds it, followed by the end of the line, a space, or a shell operator. */
function runs(command: string, form: string): boolean {
  if (!form) return false;
  for (let at = command.indexOf(form); at >= 0; at = command.indexOf(form, at + 1)) {
    const before = command[at - 1];
    const after = command[at + form.length];
    if ((before === undefined || /[\s;&|(]/.test(before)) && (after === undefined || /[\s;&|)]/.test(after))) return true;
  }
  return false;
}

function normalise(command: string): string {
  return command.trim().replace(/\s+/g, ' ');
}

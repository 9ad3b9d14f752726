// "Always allow" on a command's approval card. The card offers the rules suggestAllowRules made
// for the command; the webview is untrusted, so the host adds only rules it offered for that
// very call, and then accepts the call. Pure: settings.ts writes the setting.
import type { PendingDecision } from '../../protocol/messages';

/** Why these rules cannot be added for that call, or undefined when the host offered every one of them. */
export function refusedAllowRules(pending: PendingDecision | undefined, rules: readonly string[]): string | undefined {
  if (!pending) return 'nothing is waiting for that call';
  const offered = new Set(pending.allowRules ?? []);
  if (offered.size === 0) return 'no allow rule was offered for that call';
  const foreign = rules.filter((rule) => !offered.has(rule));
  return foreign.length > 0 ? `not offered for that call: ${foreign.join(', ')}` : undefined;
}

/** The allow list with the new rules after the existing ones, each once. */
export function withAllowRules(existing: readonly string[], added: readonly string[]): string[] {
  return [...new Set([...existing, ...added])];
}

/** The card's note once the rules are in the settings. */
export function alwaysAllowedNote(rules: readonly string[]): string {
  return `always allowed from now on: ${rules.map((rule) => `\`${rule}\``).join(', ')}`;
}

// What every sandboxed command gets in its environment besides the user's: tools that look for
// their own updates when they start are told not to. In the sandbox the home folder is read-only,
// so such a tool can never record that it checked and checks on every run; without the network
// each check is a failed request (npm's notifier cost 240 ms on every `npm test`).
const QUIET: Readonly<Record<string, string>> = {
  npm_config_update_notifier: 'false',
  // The `update-notifier` package, used by many command-line tools.
  NO_UPDATE_NOTIFIER: '1',
};

/** `argv` run with the quiet variables set (through `env`, the same under bubblewrap and Seatbelt). */
export function quietArgv(argv: readonly string[]): string[] {
  return ['/usr/bin/env', ...Object.entries(QUIET).map(([name, value]) => `${name}=${value}`), ...argv];
}

// How a command in a bubblewrap sandbox without network reaches the network proxy: socat, started
// in the sandbox before the command, listens on the sandbox's own 127.0.0.1 (its own network
// namespace) and carries each connection to the proxy's Unix socket (its folder is bound in,
// read-only); the proxy variables point programs at it. Seatbelt (macOS) has no such bridge here,
// so there hosts give no network. Pure: the same wrapping is tested without a sandbox.
import type { HostRule } from './hostAllowList';

/** Where socat listens in the sandbox: its network namespace is its own, so no port is taken. */
export const BRIDGE_PORT = 3128;

// /proc/net/tcp lists 127.0.0.1:3128 as 0100007F:0C38 (the address in host byte order), and
// state 0A is LISTEN.
const LISTENING = `0100007F:${BRIDGE_PORT.toString(16).toUpperCase().padStart(4, '0')}`;

// The command starts only once socat listens (a first connection must not be refused), which
// takes a few milliseconds; it then replaces the shell (exec), so its exit code and signals are
// the command's, and socat ends with the sandbox. Values come in as arguments, never as script
// text; one line, as the editor's terminal shows it.
const SCRIPT =
  'socat=$1; socket=$2; shift 2; ' +
  `"$socat" TCP-LISTEN:${BRIDGE_PORT},bind=127.0.0.1,fork,reuseaddr "UNIX-CONNECT:$socket" </dev/null >/dev/null 2>&1 & ` +
  `listening() { while read -r _ address _ state _; do [ "$address" = ${LISTENING} ] && [ "$state" = 0A ] && return 0; done </proc/net/tcp; return 1; }; ` +
  'tries=0; until listening || [ $tries -ge 1000 ]; do tries=$((tries + 1)); sleep 0.002; done; ' +
  'exec "$@"';

/** The command's argv, run behind the bridge to the proxy's socket. */
export function bridgedArgv(argv: readonly string[], socat: string, socket: string): string[] {
  return ['/bin/sh', '-c', SCRIPT, 'ouro-bridge', socat, socket, ...argv];
}

/**
 * The proxy variables, in the spellings programs read (curl, npm, pip, git, Go, Python). The
 * sandbox's own loopback stays direct: traffic there never leaves the sandbox (a test suite's own
 * server), so it needs no proxy, unless the allow list names a loopback address, which then means
 * the machine's, reached through the proxy.
 */
export function proxyEnvironment(rules: readonly HostRule[]): Record<string, string> {
  const proxy = `http://127.0.0.1:${BRIDGE_PORT}`;
  const direct = ['localhost', '127.0.0.1', '::1'].filter((host) => !rules.some((rule) => rule.kind === 'address' && rule.host === host)).join(',');
  return {
    HTTP_PROXY: proxy,
    HTTPS_PROXY: proxy,
    ALL_PROXY: proxy,
    http_proxy: proxy,
    https_proxy: proxy,
    all_proxy: proxy,
    NO_PROXY: direct,
    no_proxy: direct,
    npm_config_proxy: proxy,
    npm_config_https_proxy: proxy,
  };
}

// Where socat is, found once: it carries a sandboxed command's connections to the network proxy
// (see proxyBridge). Without it hosts cannot be allowed, and commands get no network.
import { firstExecutable } from '../../firstExecutable';

// Fixed places, not PATH, as for bubblewrap: a folder on PATH may be one the agent can write.
const CANDIDATES = ['/usr/bin/socat', '/usr/local/bin/socat', '/bin/socat'];

export const NO_SOCAT_NOTE =
  'The hosts in ouro.sandbox.allowNetwork cannot be allowed here: socat, which carries sandboxed connections to Ouro\'s proxy, is not installed (Debian and Ubuntu: apt-get install socat). Commands get no network.';

let found: Promise<string | undefined> | undefined;

/** socat's path, or undefined when it is not installed; looked for on first use, then remembered. */
export function socatPath(): Promise<string | undefined> {
  return (found ??= firstExecutable(CANDIDATES));
}

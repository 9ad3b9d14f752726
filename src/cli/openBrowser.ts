// The CLI sends the person to an MCP server's sign-in page: the address on stderr (it may run
// where no browser can open), and a try at opening it with $BROWSER, else the platform's opener.
import { spawn } from 'node:child_process';

export function openSignInPage(url: URL, server: string, stderr: { write(text: string): void }, env: NodeJS.ProcessEnv = process.env, platform = process.platform): void {
  stderr.write(`mcp: the server "${server}" asks you to sign in; open this address if no browser opens:\n  ${url.href}\n`);
  const opener = env.BROWSER ? [env.BROWSER] : platform === 'darwin' ? ['open'] : platform === 'win32' ? ['cmd', '/c', 'start', '""'] : ['xdg-open'];
  try {
    const child = spawn(opener[0], [...opener.slice(1), url.href], { stdio: 'ignore', detached: true });
    child.on('error', () => undefined);
    child.unref();
  } catch {
    // No opener: the address on stderr is enough.
  }
}

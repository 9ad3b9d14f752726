// `ouro acp`: the agent for editors that host Agent Client Protocol agents (Zed, JetBrains...),
// speaking newline-delimited JSON-RPC on stdin and stdout. stdout carries protocol messages
// only: logs and problems go to stderr, and so does anything a library would print. The model
// and the approval policy come from the same flags and environment as the CLI's.
import { Readable, Writable } from 'node:stream';
import { ndJsonStream } from '@agentclientprotocol/sdk';
import { parseCliArgs, UsageError, USAGE, type CliOptions } from '../args';
import type { Output } from '../sessionSetup';
import { createAcpAgent } from './acpAgent';

export async function acpMain(argv: string[], stderr: Output): Promise<number> {
  let options: CliOptions | 'help';
  try {
    options = parseCliArgs(argv, process.env, process.cwd(), false);
  } catch (err) {
    if (err instanceof UsageError) {
      stderr.write(`ouro: ${err.message}\n${USAGE}\n`);
      return 2;
    }
    throw err;
  }
  if (options === 'help') {
    stderr.write(`${USAGE}\n`);
    return 0;
  }
  console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);
  const stream = ndJsonStream(Writable.toWeb(process.stdout), Readable.toWeb(process.stdin) as ReadableStream<Uint8Array>);
  const acp = createAcpAgent(options, stderr);
  const connection = acp.app.connect(stream);
  await connection.closed;
  await acp.dispose();
  return 0;
}

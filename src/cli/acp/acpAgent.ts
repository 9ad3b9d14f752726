// The agent side of the Agent Client Protocol: what Ouro advertises in `initialize`, and the
// session methods, each handed to its session. Capabilities are only what is implemented: no
// session loading, no images or audio in prompts; embedded context (the editor's selection or
// file) is taken; MCP servers over stdio, HTTP and SSE are connected.
import { statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { agent, methods, PROTOCOL_VERSION, RequestError, type AgentApp, type ClientCapabilities } from '@agentclientprotocol/sdk';
import { version } from '../../../package.json';
import type { CliOptions } from '../args';
import { endpointOf, type Output } from '../sessionSetup';
import { AcpSession } from './acpSession';

export interface AcpAgent {
  app: AgentApp;
  /** Ends every session's turn and stops its commands and MCP servers. */
  dispose(): Promise<void>;
}

export function createAcpAgent(options: CliOptions, stderr: Output): AcpAgent {
  let client: ClientCapabilities = {};
  const sessions = new Map<string, AcpSession>();
  const sessionFor = (sessionId: string) => {
    const session = sessions.get(sessionId);
    if (!session) throw RequestError.sessionNotFound(sessionId);
    return session;
  };
  const app = agent({ name: 'ouro' })
    .onRequest(methods.agent.initialize, ({ params }) => {
      client = params.clientCapabilities ?? {};
      return {
        protocolVersion: PROTOCOL_VERSION,
        agentCapabilities: {
          loadSession: false,
          promptCapabilities: { image: false, audio: false, embeddedContext: true },
          mcpCapabilities: { http: true, sse: true },
        },
        agentInfo: { name: 'ouro', title: 'Ouro', version },
        authMethods: [],
      };
    })
    .onRequest(methods.agent.session.new, async ({ params, client: context }) => {
      const endpoint = endpointOf(options);
      // Set in the editor's agent settings (args, env): there is nothing to ask the person here.
      if ('problem' in endpoint) throw new RequestError(-32603, `Ouro cannot start a session: ${endpoint.problem}`);
      if (!isAbsolute(params.cwd) || !isFolder(params.cwd)) throw RequestError.invalidParams(undefined, `cwd must be the absolute path of a folder, not "${params.cwd}"`);
      const session = await AcpSession.open({
        cwd: params.cwd,
        options,
        endpoint,
        client: context,
        fs: { readTextFile: client.fs?.readTextFile === true, writeTextFile: client.fs?.writeTextFile === true },
        mcpServers: params.mcpServers,
        stderr,
      });
      sessions.set(session.id, session);
      return { sessionId: session.id };
    })
    .onRequest(methods.agent.session.prompt, ({ params, signal }) => sessionFor(params.sessionId).prompt(params.prompt, signal))
    .onNotification(methods.agent.session.cancel, ({ params }) => sessions.get(params.sessionId)?.cancel());
  return {
    app,
    dispose: async () => {
      await Promise.all([...sessions.values()].map((session) => session.dispose()));
      sessions.clear();
    },
  };
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

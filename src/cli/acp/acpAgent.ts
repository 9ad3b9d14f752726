// The agent side of the Agent Client Protocol: what Ouro advertises in `initialize`, and the
// session methods, each handed to its session. Capabilities are only what is implemented: sessions
// are saved and can be loaded again; no images or audio in prompts; embedded context (the editor's
// selection or file) is taken; MCP servers over stdio, HTTP and SSE are connected.
import { statSync } from 'node:fs';
import { homedir } from 'node:os';
import { isAbsolute } from 'node:path';
import { agent, methods, PROTOCOL_VERSION, RequestError, type AgentApp, type AgentContext, type ClientCapabilities, type McpServer } from '@agentclientprotocol/sdk';
import { CONVERSATION_ID } from '../../agent/history/conversationFile';
import type { ConversationRecord } from '../../agent/history/conversationRecord';
import { version } from '../../../package.json';
import type { CliOptions } from '../args';
import { endpointOf, type Output } from '../sessionSetup';
import { AcpSession } from './acpSession';
import { replayUpdates, savedSessions } from './savedSessions';

export interface AcpAgent {
  app: AgentApp;
  /** Ends every session's turn and stops its commands and MCP servers. */
  dispose(): Promise<void>;
}

export function createAcpAgent(options: CliOptions, stderr: Output): AcpAgent {
  let client: ClientCapabilities = {};
  const sessions = new Map<string, AcpSession>();
  const store = savedSessions(homedir(), process.env);
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
          loadSession: true,
          promptCapabilities: { image: false, audio: false, embeddedContext: true },
          mcpCapabilities: { http: true, sse: true },
        },
        agentInfo: { name: 'ouro', title: 'Ouro', version },
        authMethods: [],
      };
    })
    .onRequest(methods.agent.session.new, async ({ params, client: context }) => {
      const session = await open(params, context);
      return { sessionId: session.id };
    })
    .onRequest(methods.agent.session.load, async ({ params, client: context }) => {
      const loaded = CONVERSATION_ID.test(params.sessionId) ? await store.load(params.sessionId) : undefined;
      if (!loaded) throw RequestError.resourceNotFound(params.sessionId);
      for (const repair of loaded.repairs) stderr.write(`session ${params.sessionId}: ${repair}\n`);
      await sessions.get(params.sessionId)?.dispose();
      const session = await open(params, context, loaded.conversation);
      // The editor shows the conversation from these before the load is answered.
      for (const update of replayUpdates(loaded.conversation, params.cwd)) await context.notify('session/update', { sessionId: session.id, update });
      return {};
    })
    .onRequest(methods.agent.session.prompt, ({ params, signal }) => sessionFor(params.sessionId).prompt(params.prompt, signal))
    .onNotification(methods.agent.session.cancel, ({ params }) => sessions.get(params.sessionId)?.cancel());
  async function open(params: { cwd: string; mcpServers: McpServer[] }, context: AgentContext, saved?: ConversationRecord): Promise<AcpSession> {
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
      store,
      ...(saved ? { saved } : {}),
    });
    sessions.set(session.id, session);
    return session;
  }

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

// Builds the model the chat talks to from the settings: an OpenAI-compatible endpoint, or one
// of the language models VS Code offers to extensions. Either comes wrapped for the model's
// tool mode (calls written as text are recognised in both).
import * as vscode from 'vscode';
import type { Model } from '../llm/model';
import { OpenAICompatibleModel } from '../llm/openaiCompatible';
import { isConfigured, redact, resolveEndpoint } from './endpointConfig';
import type { OuroSettings } from './settings';

export type ChatModelChoice =
  | {
      kind: 'ready';
      model: Model;
      /** Where the requests go, for the log (never the key). */
      endpoint: string;
    }
  | { kind: 'notConfigured'; reason: string };

/** A language model VS Code offers, as the model picker lists it. */
export interface LanguageModelInfo {
  id: string;
  name: string;
  vendor: string;
  family: string;
  version: string;
  maxInputTokens: number;
}

/**
 * The model for the next turn, or why there is none. `storedKey` is the key from secret
 * storage (OPENAI_API_KEY is the fallback); `log` receives lines already stripped of the key.
 */
export async function createChatModel(settings: OuroSettings, storedKey: string | undefined, log: (line: string) => void): Promise<ChatModelChoice> {
  if (settings.provider === 'vscode-lm') {
    return { kind: 'notConfigured', reason: "VS Code's language models (ouro.provider \"vscode-lm\") are not available in this build yet." };
  }
  const endpoint = resolveEndpoint(settings, process.env, storedKey);
  if (!isConfigured(endpoint) || !endpoint.baseURL) {
    return { kind: 'notConfigured', reason: 'No model is configured yet: fill in the setup card (or set ouro.model and ouro.baseUrl).' };
  }
  const apiKey = endpoint.apiKey;
  const model = new OpenAICompatibleModel({
    baseURL: endpoint.baseURL,
    apiKey,
    model: endpoint.model,
    log: (line) => log(redact(line, [apiKey])),
  });
  return { kind: 'ready', model, endpoint: `${endpoint.model} at ${endpoint.baseURL}${apiKey ? ' (with an API key)' : ''}` };
}

/** Every chat model VS Code offers to extensions right now (empty when none is installed). */
export async function listLanguageModels(): Promise<LanguageModelInfo[]> {
  const models = await vscode.lm.selectChatModels();
  return models.map((model) => ({
    id: model.id,
    name: model.name,
    vendor: model.vendor,
    family: model.family,
    version: model.version,
    maxInputTokens: model.maxInputTokens,
  }));
}

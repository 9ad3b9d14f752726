// Builds the model the chat talks to from the settings: an OpenAI-compatible endpoint, or one
// of the language models VS Code offers to extensions. Either comes wrapped for the model's
// tool mode (calls written as text are recognised in both).
import * as vscode from 'vscode';
import { noSuchLanguageModel, pickLanguageModel, type LanguageModelInfo } from '../../llm/languageModelApi/pickLanguageModel';
import { contextWindowFor } from '../../agent/context/contextWindows';
import type { Model } from '../../agent/model';
import { OpenAICompatibleModel } from '../../llm/openaiCompatible';
import { withToolMode } from '../../llm/textToolCalls/toolModeModel';
import { toolModeFor } from '../../llm/toolMode';
import { isConfigured, redact, resolveEndpoint } from './endpointConfig';
import type { OuroSettings } from '../settings/settings';
import { VsCodeLanguageModel } from './vscodeLanguageModel';

export type { LanguageModelInfo } from '../../llm/languageModelApi/pickLanguageModel';

export type ChatModelChoice =
  | {
      kind: 'ready';
      model: Model;
      /** Where the requests go, for the log (never the key). */
      endpoint: string;
      /** The tokens a request may hold: the user's override, the model's own limit, or the table. */
      window: number;
    }
  | { kind: 'notConfigured'; reason: string };

/**
 * The model for the next turn, or why there is none. `storedKey` is the key from secret
 * storage (OPENAI_API_KEY is the fallback); `log` receives lines already stripped of the key.
 * `temperature` is sent to an OpenAI-compatible endpoint (VS Code's language models choose their own).
 */
export async function createChatModel(settings: OuroSettings, storedKey: string | undefined, log: (line: string) => void, temperature?: number): Promise<ChatModelChoice> {
  if (settings.provider === 'vscode-lm') return languageModel(settings);
  const endpoint = resolveEndpoint(settings, process.env, storedKey);
  if (!isConfigured(endpoint) || !endpoint.baseURL) {
    return { kind: 'notConfigured', reason: 'No model is configured yet: fill in the setup card (or set ouro.model and ouro.baseUrl).' };
  }
  const apiKey = endpoint.apiKey;
  const client = new OpenAICompatibleModel({
    baseURL: endpoint.baseURL,
    apiKey,
    model: endpoint.model,
    temperature,
    log: (line) => log(redact(line, [apiKey])),
  });
  const model = withToolMode(client, toolModeFor(settings.toolMode, endpoint.model));
  const window = contextWindowFor(endpoint.model, settings.contextWindow);
  return { kind: 'ready', model, window, endpoint: `${endpoint.model} at ${endpoint.baseURL}${apiKey ? ' (with an API key)' : ''}` };
}

/** Every chat model VS Code offers to extensions right now (empty when none is installed). */
export async function listLanguageModels(): Promise<LanguageModelInfo[]> {
  return (await vscode.lm.selectChatModels()).map(languageModelInfo);
}

async function languageModel(settings: OuroSettings): Promise<ChatModelChoice> {
  const models = await vscode.lm.selectChatModels();
  const chat = pickLanguageModel(models, settings.model);
  if (!chat) return { kind: 'notConfigured', reason: noSuchLanguageModel(models.map(languageModelInfo), settings.model) };
  const model = withToolMode(new VsCodeLanguageModel(chat), toolModeFor(settings.toolMode, chat.id));
  // The model says how much it takes; the table only guesses from names.
  const window = contextWindowFor(chat.id, settings.contextWindow, chat.maxInputTokens);
  return { kind: 'ready', model, window, endpoint: `${chat.name} (${chat.vendor}, ${chat.id}) through VS Code's language models` };
}

function languageModelInfo(model: vscode.LanguageModelChat): LanguageModelInfo {
  return { id: model.id, name: model.name, vendor: model.vendor, family: model.family, version: model.version, maxInputTokens: model.maxInputTokens };
}

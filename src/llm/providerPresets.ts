// The providers Ouro knows by name: where their OpenAI-compatible endpoint usually is, whether
// it wants a key, and whether it lists its models. Pure data, shared by the setup card, the model
// picker and Test connection. How each one is spoken to on the wire is in endpointQuirks.ts.

export type PresetId = 'openai' | 'azure' | 'openrouter' | 'ollama' | 'lmstudio' | 'vllm' | 'llamacpp' | 'vscode-lm';

/** `required`: the server refuses requests without one; `optional`: only when it was started with one. */
export type KeyNeed = 'required' | 'optional' | 'none';

export interface ProviderPreset {
  id: PresetId;
  label: string;
  /** Which client the chat uses: an OpenAI-compatible endpoint, or VS Code's language models. */
  provider: 'openai' | 'vscode-lm';
  /** Empty for VS Code's language models. Parts in braces are for the user to fill in. */
  baseUrl: string;
  key: KeyNeed;
  /** Whether `GET {baseUrl}/models` answers with the models the server can run. */
  listsModels: boolean;
  /** A model name to show as an example. */
  exampleModel: string;
  /** One short line for the setup card. */
  hint: string;
}

export const PROVIDER_PRESETS: readonly ProviderPreset[] = [
  {
    id: 'openai',
    label: 'OpenAI',
    provider: 'openai',
    baseUrl: 'https://api.openai.com/v1',
    key: 'required',
    listsModels: true,
    exampleModel: 'gpt-4.1-mini',
    hint: 'Needs an API key from platform.openai.com.',
  },
  {
    id: 'azure',
    label: 'Azure OpenAI',
    provider: 'openai',
    // The deployment, not the model field, picks the model; api-version goes on every request.
    baseUrl: 'https://{resource}.openai.azure.com/openai/deployments/{deployment}?api-version=2024-10-21',
    key: 'required',
    listsModels: false,
    exampleModel: 'gpt-4.1-mini',
    hint: 'Replace {resource} and {deployment}; the key is sent as the api-key header.',
  },
  {
    id: 'openrouter',
    label: 'OpenRouter',
    provider: 'openai',
    baseUrl: 'https://openrouter.ai/api/v1',
    key: 'required',
    listsModels: true,
    exampleModel: 'openai/gpt-4.1-mini',
    hint: 'Needs an API key from openrouter.ai; model names carry their vendor, e.g. openai/gpt-4.1-mini.',
  },
  {
    id: 'ollama',
    label: 'Ollama',
    provider: 'openai',
    baseUrl: 'http://localhost:11434/v1',
    key: 'none',
    listsModels: true,
    exampleModel: 'qwen2.5-coder:7b',
    hint: 'No key needed. Lists the models you have pulled.',
  },
  {
    id: 'lmstudio',
    label: 'LM Studio',
    provider: 'openai',
    baseUrl: 'http://localhost:1234/v1',
    key: 'none',
    listsModels: true,
    exampleModel: 'qwen2.5-coder-7b-instruct',
    hint: 'No key needed. Start the server in LM Studio\'s Developer tab.',
  },
  {
    id: 'vllm',
    label: 'vLLM',
    provider: 'openai',
    baseUrl: 'http://localhost:8000/v1',
    key: 'optional',
    listsModels: true,
    exampleModel: 'Qwen/Qwen2.5-Coder-7B-Instruct',
    hint: 'A key only if the server was started with --api-key. Tool calls need --enable-auto-tool-choice.',
  },
  {
    id: 'llamacpp',
    label: 'llama.cpp server',
    provider: 'openai',
    baseUrl: 'http://localhost:8080/v1',
    key: 'optional',
    listsModels: true,
    exampleModel: 'default',
    hint: 'A key only if llama-server was started with --api-key. Tool calls need --jinja.',
  },
  {
    id: 'vscode-lm',
    label: 'VS Code language models',
    provider: 'vscode-lm',
    baseUrl: '',
    key: 'none',
    listsModels: false,
    exampleModel: '',
    hint: 'The models VS Code offers to extensions (for example through a Copilot subscription). No key needed.',
  },
];

export function presetById(id: string): ProviderPreset | undefined {
  return PROVIDER_PRESETS.find((preset) => preset.id === id);
}

/** The `{name}` parts of a base URL still waiting to be filled in. */
export function placeholdersIn(baseUrl: string): string[] {
  return [...baseUrl.matchAll(/\{([a-z-]+)\}/gi)].map((match) => match[1]);
}

/** Which preset a configured endpoint looks like, so the card can show it selected. */
export function presetForEndpoint(provider: string, baseUrl: string): ProviderPreset | undefined {
  if (provider === 'vscode-lm') return presetById('vscode-lm');
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return undefined;
  }
  if (isAzureHost(url.hostname)) return presetById('azure');
  return PROVIDER_PRESETS.find((preset) => {
    if (!preset.baseUrl || placeholdersIn(preset.baseUrl).length) return false;
    const known = new URL(preset.baseUrl);
    return known.host === url.host && known.protocol === url.protocol;
  });
}

/** Azure OpenAI resources, including Azure AI Foundry's. */
export function isAzureHost(hostname: string): boolean {
  return /\.(openai\.azure\.com|cognitiveservices\.azure\.com|services\.ai\.azure\.com)$/i.test(hostname);
}

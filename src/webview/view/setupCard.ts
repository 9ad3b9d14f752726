// Shown instead of failing when no model is configured: base URL, model, and the API key button.
import type { SetupState } from '../../protocol/messages';
import { h, icon } from '../dom';

export function renderSetupCard(setup: SetupState): HTMLElement {
  const baseUrl = h('input', { type: 'text', id: 'setup-base-url', value: setup.baseUrl, placeholder: 'https://api.openai.com/v1', spellcheck: 'false' });
  const model = h('input', { type: 'text', id: 'setup-model', value: setup.model, placeholder: 'e.g. gpt-4.1-mini, qwen2.5-coder:7b', spellcheck: 'false' });
  return h(
    'section',
    { class: 'setup-card', 'aria-labelledby': 'setup-title' },
    h('h2', { id: 'setup-title' }, icon('settings-gear'), 'Connect a model'),
    h('p', {}, 'Ouro works with any OpenAI-compatible endpoint: OpenAI, Azure, OpenRouter, Ollama, LM Studio, vLLM, llama.cpp.'),
    h('label', { for: 'setup-base-url' }, 'Base URL'),
    baseUrl,
    h('label', { for: 'setup-model' }, 'Model'),
    model,
    h(
      'div',
      { class: 'setup-buttons' },
      h('button', { type: 'button', class: 'save-setup', 'aria-label': 'Save model settings' }, 'Save'),
      h('button', { type: 'button', class: 'set-api-key secondary', 'aria-label': 'Set API Key' }, icon('key'), setup.hasApiKey ? 'Change API Key' : 'Set API Key'),
    ),
    h('p', { class: 'hint' }, setup.hasApiKey ? 'An API key is set.' : 'No API key yet (local servers often need none). The key is kept in VS Code\'s secret storage.'),
  );
}

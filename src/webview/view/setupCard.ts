// Shown instead of failing when no model is configured: a provider preset, the base URL and the
// model, the API key button, and Test connection with its result.
import { PROVIDER_PRESETS, presetById, presetForEndpoint, type ProviderPreset } from '../../llm/providerPresets';
import type { ConnectionView, SetupState } from '../../protocol/messages';
import { h, icon } from '../dom';
import { renderConnectionResult } from './connectionResult';

const CUSTOM = 'custom';

export function renderSetupCard(setup: SetupState): HTMLElement {
  const current = presetForEndpoint(setup.provider, setup.baseUrl);
  const preset = h(
    'select',
    { id: 'setup-preset' },
    h('option', { value: CUSTOM }, 'Other OpenAI-compatible endpoint'),
    ...PROVIDER_PRESETS.map((entry) => h('option', { value: entry.id, selected: entry.id === current?.id }, entry.label)),
  );
  const baseUrl = h('input', { type: 'text', id: 'setup-base-url', value: setup.baseUrl, placeholder: 'https://api.openai.com/v1', spellcheck: 'false' });
  const model = h('input', { type: 'text', id: 'setup-model', value: setup.model, placeholder: 'e.g. gpt-4.1-mini, qwen2.5-coder:7b', spellcheck: 'false' });
  const presetHint = h('p', { class: 'preset-hint', id: 'setup-preset-hint' });
  const card = h(
    'section',
    { class: 'setup-card', 'aria-labelledby': 'setup-title' },
    h('h2', { id: 'setup-title' }, icon('settings-gear'), 'Connect a model'),
    h('p', {}, 'Ouro works with any OpenAI-compatible endpoint, and with the language models VS Code offers.'),
    h('label', { for: 'setup-preset' }, 'Provider'),
    preset,
    presetHint,
    h('div', { class: 'setup-endpoint' }, h('label', { for: 'setup-base-url' }, 'Base URL'), baseUrl),
    h('label', { for: 'setup-model' }, 'Model'),
    model,
    h(
      'div',
      { class: 'setup-buttons' },
      h('button', { type: 'button', class: 'save-setup', 'aria-label': 'Save model settings' }, 'Save'),
      h('button', { type: 'button', class: 'test-connection secondary', 'aria-label': 'Test connection' }, icon('plug'), 'Test connection'),
      h('button', { type: 'button', class: 'set-api-key secondary', 'aria-label': 'Set API Key' }, icon('key'), setup.hasApiKey ? 'Change API Key' : 'Set API Key'),
    ),
    h('div', { class: 'connection-result', role: 'status', 'aria-live': 'polite' }),
    h('p', { class: 'hint' }, setup.hasApiKey ? 'An API key is set.' : 'No API key yet (local servers often need none). The key is kept in VS Code\'s secret storage.'),
  );
  const show = (chosen: ProviderPreset | undefined) => {
    presetHint.textContent = chosen ? chosen.hint : 'Any server that speaks the OpenAI chat completions API; a key if it needs one.';
    card.dataset.provider = chosen?.provider ?? 'openai';
    model.placeholder = chosen?.exampleModel ? `e.g. ${chosen.exampleModel}` : chosen?.provider === 'vscode-lm' ? 'a model id, or choose one from the model picker' : 'e.g. gpt-4.1-mini, qwen2.5-coder:7b';
  };
  show(current);
  preset.addEventListener('change', () => {
    const chosen = presetById(preset.value);
    show(chosen);
    if (!chosen) return;
    baseUrl.value = chosen.baseUrl;
    // The parts to fill in are selected, so typing replaces the first.
    const hole = chosen.baseUrl.indexOf('{');
    if (hole >= 0) {
      baseUrl.focus();
      baseUrl.setSelectionRange(hole, chosen.baseUrl.indexOf('}', hole) + 1);
    }
  });
  return card;
}

/** Puts the latest Test connection result into the card, leaving what the user typed alone. */
export function showConnection(card: HTMLElement, connection: ConnectionView | undefined): void {
  const slot = card.querySelector<HTMLElement>('.connection-result');
  if (!slot) return;
  slot.replaceChildren(...(connection ? renderConnectionResult(connection) : []));
  card.querySelector<HTMLButtonElement>('button.test-connection')!.disabled = connection?.running === true;
}

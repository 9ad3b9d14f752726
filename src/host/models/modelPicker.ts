// The model picker: VS Code's own quick pick (keyboard, screen readers and theme for free) over
// the endpoint's models (GET /models, cached; the refresh button asks again), the language
// models VS Code offers, and any name typed in. Choosing saves `ouro.model` and `ouro.provider`.
// A failed listing is one line among the choices, never in the way of typing a name.
import * as vscode from 'vscode';
import type { ListedModel, ModelListing } from '../../llm/modelList';
import { describeFacts, modelFacts, type PerModelSettings } from '../../llm/modelFacts';
import type { LanguageModelInfo } from './modelFactory';
import type { Provider } from '../settings/settings';

export interface PickerSource {
  /** The configured endpoint, or undefined when none is (only VS Code's models and free text then). */
  endpoint: { baseURL: string; label: string } | undefined;
  current: { provider: Provider; model: string };
  listEndpointModels(refresh: boolean): Promise<ModelListing>;
  listLanguageModels(): Promise<LanguageModelInfo[]>;
  perModelSettings(): PerModelSettings;
  /** Runs Test connection for a model; resolves to one line for the title. */
  testConnection(pick: PickedModel): Promise<string>;
}

export interface PickedModel {
  provider: Provider;
  model: string;
}

interface ModelItem extends vscode.QuickPickItem {
  pick?: PickedModel;
  /** The refresh line shown for a failed listing. */
  retry?: boolean;
}

const REFRESH: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('refresh'), tooltip: 'Refresh the model list' };
const TEST: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('plug'), tooltip: 'Test connection with the selected model' };
const SETTINGS: vscode.QuickInputButton = { iconPath: new vscode.ThemeIcon('settings-gear'), tooltip: 'Per-model settings (context window, price, tool mode)' };

export function pickModel(source: PickerSource): Promise<PickedModel | undefined> {
  const quickPick = vscode.window.createQuickPick<ModelItem>();
  quickPick.title = 'Ouro: Choose a model';
  quickPick.placeholder = 'Type to filter, or type any model name and press Enter';
  quickPick.matchOnDescription = true;
  quickPick.buttons = source.endpoint ? [REFRESH, TEST, SETTINGS] : [SETTINGS];
  let endpointItems: ModelItem[] = [];
  let languageItems: ModelItem[] = [];

  // Typing lets VS Code pick the best match; a reloaded list keeps the row the user was on.
  const render = (keepActive: boolean) => {
    const typed = quickPick.value.trim();
    const known = [...endpointItems, ...languageItems].some((item) => item.pick?.model === typed);
    const free: ModelItem[] = typed && !known ? [separator('Any model'), { label: `$(edit) Use "${typed}"`, description: source.endpoint ? `at ${source.endpoint.label}` : '', alwaysShow: true, pick: { provider: freeTextProvider(source), model: typed } }] : [];
    const active = keepActive ? quickPick.activeItems[0]?.pick : undefined;
    quickPick.items = [...endpointItems, ...languageItems, ...free];
    const again = active && quickPick.items.find((item) => item.pick?.model === active.model && item.pick.provider === active.provider);
    if (again) quickPick.activeItems = [again];
  };

  const loadEndpoint = async (refresh: boolean) => {
    if (!source.endpoint) return;
    quickPick.busy = true;
    const listing = await source.listEndpointModels(refresh);
    endpointItems = [separator(source.endpoint.label), ...endpointEntries(listing, source)];
    quickPick.busy = false;
    render(true);
  };
  const loadLanguageModels = async () => {
    const models = await source.listLanguageModels().catch(() => []);
    languageItems = models.length ? [separator("VS Code's language models"), ...models.map((model) => languageItem(model, source))] : [];
    render(true);
  };

  return new Promise((resolve) => {
    let chosen: PickedModel | undefined;
    quickPick.onDidChangeValue(() => render(false));
    quickPick.onDidTriggerButton(async (button) => {
      if (button === REFRESH) await loadEndpoint(true);
      if (button === SETTINGS) void openPerModelSettings();
      if (button === TEST) {
        const pick = quickPick.activeItems[0]?.pick ?? source.current;
        quickPick.busy = true;
        quickPick.title = `Testing ${pick.model}…`;
        quickPick.title = await source.testConnection(pick);
        await loadEndpoint(false);
      }
    });
    quickPick.onDidAccept(() => {
      const item = quickPick.selectedItems[0] ?? quickPick.activeItems[0];
      if (item?.retry) return void loadEndpoint(true);
      if (!item?.pick) return;
      chosen = item.pick;
      quickPick.hide();
    });
    quickPick.onDidHide(() => {
      quickPick.dispose();
      resolve(chosen);
    });
    render(false);
    quickPick.show();
    void loadEndpoint(false);
    void loadLanguageModels();
  });
}

function endpointEntries(listing: ModelListing, source: PickerSource): ModelItem[] {
  switch (listing.kind) {
    case 'listed': {
      const settings = source.perModelSettings();
      return listing.models.map((model) => endpointItem(model, source, settings));
    }
    case 'unlisted':
      return [{ label: '$(info) This endpoint does not list its models', description: 'type a model name above', alwaysShow: true }];
    case 'refused':
    case 'unreachable':
      return [{ label: '$(warning) Could not list the models', detail: listing.message, description: 'Enter to try again', alwaysShow: true, retry: true }];
  }
}

function endpointItem(model: ListedModel, source: PickerSource, settings: PerModelSettings): ModelItem {
  const current = source.current.provider === 'openai' && source.current.model === model.id;
  return {
    label: `${current ? '$(check)' : '$(blank)'} ${model.id}`,
    description: describeFacts(modelFacts(model.id, model, settings)),
    pick: { provider: 'openai', model: model.id },
  };
}

function languageItem(model: LanguageModelInfo, source: PickerSource): ModelItem {
  const current = source.current.provider === 'vscode-lm' && source.current.model === model.id;
  const facts = modelFacts(model.id, { id: model.id, contextWindow: model.maxInputTokens || undefined }, source.perModelSettings());
  return {
    label: `${current ? '$(check)' : '$(blank)'} ${model.name}`,
    description: `${model.vendor} · ${describeFacts({ ...facts, toolMode: facts.toolMode ?? 'native' })}`,
    pick: { provider: 'vscode-lm', model: model.id },
  };
}

function separator(label: string): ModelItem {
  return { label, kind: vscode.QuickPickItemKind.Separator };
}

/** A typed name is for the endpoint when there is one, else for VS Code's models. */
function freeTextProvider(source: PickerSource): Provider {
  return source.endpoint ? 'openai' : 'vscode-lm';
}

function openPerModelSettings(): Thenable<unknown> {
  return vscode.commands.executeCommand('workbench.action.openSettings', '@ext:ouro-dev.ouro contextWindow pricing toolMode');
}

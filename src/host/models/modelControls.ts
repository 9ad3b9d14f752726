// Test connection and the model picker, for the setup card, the header's model button and the
// palette. Holds the latest test result (the card shows it) and the cached model lists.
import * as vscode from 'vscode';
import { endpointFailed, type ConnectionReport } from '../../llm/connectionTest';
import { ModelCatalog } from '../../llm/modelCatalog';
import type { ListedModel } from '../../llm/modelList';
import type { ConnectionView } from '../../protocol/messages';
import type { ApiKeyStore } from '../settings/apiKeyStore';
import { ConnectionTester, summarise } from './connectionTester';
import { resolveEndpoint } from './endpointConfig';
import { listLanguageModels, type LanguageModelInfo } from './modelFactory';
import { pickModel } from './modelPicker';
import { readPerModelSettings, readSettings, saveModelChoice, type Provider } from '../settings/settings';

export interface SetupFields {
  provider?: Provider;
  baseUrl: string;
  model: string;
}

export class ModelControls {
  private readonly catalog = new ModelCatalog();
  private readonly tester: ConnectionTester;
  private latest: ConnectionView | undefined;
  private generation = 0;

  constructor(
    private readonly apiKeys: ApiKeyStore,
    private readonly log: vscode.LogOutputChannel,
    /** Called when the latest test result changes. */
    private readonly onChange: () => void,
    private readonly languageModels: () => Promise<LanguageModelInfo[]> = listLanguageModels,
  ) {
    this.tester = new ConnectionTester(this.catalog, log);
  }

  get connection(): ConnectionView | undefined {
    return this.latest;
  }

  /** Tests what the setup card holds, with the stored key (or OPENAI_API_KEY). */
  async testSetup(fields: SetupFields): Promise<void> {
    const generation = ++this.generation;
    this.latest = { baseUrl: fields.baseUrl, model: fields.model, running: true };
    this.onChange();
    let view: ConnectionView;
    try {
      const outcome = await this.test(fields);
      const { models: _models, ...report } = outcome.report;
      view = { baseUrl: fields.baseUrl, model: fields.model, running: false, report, note: outcome.note };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      view = { baseUrl: fields.baseUrl, model: fields.model, running: false, report: endpointFailed(message) };
    }
    if (generation !== this.generation) return;
    this.latest = view;
    this.onChange();
  }

  /** The palette's Test connection: the configured model, the result in a notification. */
  async testConfigured(): Promise<void> {
    const settings = readSettings();
    const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Ouro: testing ${settings.model || 'the connection'}…` }, () =>
      this.test({ provider: settings.provider, baseUrl: settings.baseUrl, model: settings.model }),
    );
    const line = `Ouro: ${summarise(outcome.report)}${outcome.note ? ` ${outcome.note}` : ''}`;
    const failed = [outcome.report.endpoint, outcome.report.model].some((check) => check.status === 'failed');
    void (failed ? vscode.window.showWarningMessage(line) : vscode.window.showInformationMessage(line));
  }

  /** What the configured endpoint lists about `model` (the kept listing, asked for when there is none); undefined when it lists nothing about it. */
  async listed(model: string): Promise<ListedModel | undefined> {
    const settings = readSettings();
    if (settings.provider !== 'openai') return undefined;
    const endpoint = resolveEndpoint(settings, process.env, await this.apiKeys.stored());
    if (!endpoint.baseURL) return undefined;
    const listing = await this.catalog.get({ baseURL: endpoint.baseURL, apiKey: endpoint.apiKey });
    return listing.kind === 'listed' ? listing.models.find((entry) => entry.id === model) : undefined;
  }

  /** Opens the picker and saves what is chosen. */
  async choose(): Promise<void> {
    const settings = readSettings();
    const storedKey = await this.apiKeys.stored();
    const endpoint = resolveEndpoint(settings, process.env, storedKey);
    const access = endpoint.baseURL ? { baseURL: endpoint.baseURL, apiKey: endpoint.apiKey } : undefined;
    const picked = await pickModel({
      endpoint: access ? { baseURL: access.baseURL, label: hostOf(access.baseURL) } : undefined,
      current: { provider: settings.provider, model: settings.model || endpoint.model },
      listEndpointModels: (refresh) => (access ? this.catalog.get(access, refresh) : Promise.resolve({ kind: 'unlisted', message: 'no endpoint is set' })),
      listLanguageModels: this.languageModels,
      perModelSettings: readPerModelSettings,
      testConnection: async (pick) => summarise((await this.test({ provider: pick.provider, baseUrl: access?.baseURL ?? '', model: pick.model })).report),
    });
    if (!picked) return;
    this.log.info(`model chosen: ${picked.model} (${picked.provider})`);
    await saveModelChoice(picked);
  }

  private async test(fields: SetupFields): Promise<{ report: ConnectionReport; note?: string }> {
    if (fields.provider === 'vscode-lm') return { report: languageModelReport(await this.languageModels().catch(() => []), fields.model) };
    const endpoint = resolveEndpoint({ baseUrl: fields.baseUrl, model: fields.model }, process.env, await this.apiKeys.stored());
    return this.tester.run({ baseURL: endpoint.baseURL ?? '', apiKey: endpoint.apiKey, model: fields.model.trim() });
  }
}

/** VS Code's language models need no probe: the API takes tools; only whether the model is there. */
export function languageModelReport(models: readonly LanguageModelInfo[], model: string): ConnectionReport {
  if (models.length === 0) {
    return endpointFailed('VS Code offers no language models to extensions here (is a provider such as GitHub Copilot installed and signed in?).');
  }
  const found = models.find((entry) => entry.id === model || entry.family === model);
  const names = models.slice(0, 4).map((entry) => entry.id).join(', ');
  return {
    endpoint: { status: 'ok', message: `VS Code offers ${models.length} language model${models.length === 1 ? '' : 's'}.` },
    model: found ? { status: 'ok', message: `${found.name} (${found.vendor}).` } : { status: 'failed', message: `Not among them${model ? '' : ' (no model named)'}: ${names}.` },
    tools: { status: 'ok', mode: 'native', message: "VS Code's language model API takes tools." },
  };
}

function hostOf(baseURL: string): string {
  try {
    return new URL(baseURL).host;
  } catch {
    return baseURL;
  }
}

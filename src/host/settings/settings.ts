// The `ouro.*` settings, read fresh each time (users change them while the chat is open).
import * as vscode from 'vscode';
import type { CommandRules } from '../../agent/commands/commandRules';
import { readPerModelSettings as parsePerModelSettings, type PerModelSettings } from '../../llm/modelFacts';
import { readToolModes, type ToolMode, type ToolModes } from '../../llm/toolMode';
import { withAllowRules } from '../terminal/alwaysAllow';
import type { ModelPrice } from '../../agent/usage/pricing';
import { contextWindowOverrides, pricingOverrides } from '../models/modelOverrides';
import type { FetchPolicy } from '../../agent/web/webPolicy';

/** Where the model comes from: an OpenAI-compatible endpoint, or VS Code's language models. */
export type Provider = 'openai' | 'vscode-lm';

export interface OuroSettings {
  provider: Provider;
  baseUrl: string;
  model: string;
  /** Model id -> how it calls tools; models not listed are native. */
  toolMode: ToolModes;
  maxSteps: number;
  autoApproveEdits: boolean;
  autoApproveReads: boolean;
  allowSecretFiles: boolean;
  /** Model id -> context window in tokens, over the built-in table. */
  contextWindow: Record<string, number>;
  /** Model id -> USD per million tokens, over the built-in prices. */
  pricing: Record<string, ModelPrice>;
  fetch: FetchPolicy;
  /** A SearXNG instance for web_search; "" when none. */
  searxngUrl: string;
}

export function readSettings(): OuroSettings {
  const config = vscode.workspace.getConfiguration('ouro');
  return {
    provider: config.get<string>('provider') === 'vscode-lm' ? 'vscode-lm' : 'openai',
    baseUrl: config.get<string>('baseUrl', ''),
    model: config.get<string>('model', ''),
    toolMode: readToolModes(config.get<unknown>('toolMode')),
    maxSteps: Math.max(1, Math.floor(config.get<number>('maxSteps', 50))),
    autoApproveEdits: config.get<boolean>('autoApprove.edits', false),
    autoApproveReads: config.get<boolean>('autoApprove.reads', true),
    allowSecretFiles: config.get<boolean>('allowSecretFiles', false),
    contextWindow: contextWindowOverrides(config.get<unknown>('contextWindow', {})),
    pricing: pricingOverrides(config.get<unknown>('pricing', {})),
    searxngUrl: config.get<string>('search.searxngUrl', ''),
    fetch: { allowDomains: stringsOf(config.get('web.allowDomains')), privateHosts: stringsOf(config.get('web.allowPrivateHosts')) },
  };
}

/** The model picker's choice, or the setup card's: the endpoint is kept when VS Code's models are chosen. */
export async function saveModelChoice(choice: { provider: Provider; model: string; baseUrl?: string }): Promise<void> {
  const config = vscode.workspace.getConfiguration('ouro');
  // The default is not written out, so settings.json stays as the user left it.
  if (choice.provider !== (config.get<string>('provider') ?? 'openai')) await config.update('provider', choice.provider, vscode.ConfigurationTarget.Global);
  if (choice.baseUrl !== undefined) await config.update('baseUrl', choice.baseUrl, vscode.ConfigurationTarget.Global);
  await config.update('model', choice.model, vscode.ConfigurationTarget.Global);
}

/** Context window, price and tool mode by model id, for the model picker. */
export function readPerModelSettings(): PerModelSettings {
  const config = vscode.workspace.getConfiguration('ouro');
  return parsePerModelSettings({ contextWindow: config.get<unknown>('contextWindow'), pricing: config.get<unknown>('pricing'), toolMode: config.get<unknown>('toolMode') });
}

/** Records how `model` calls tools (Test connection finds out), in the user's settings. */
export async function saveToolMode(model: string, mode: ToolMode): Promise<void> {
  const config = vscode.workspace.getConfiguration('ouro');
  const current = readToolModes(config.inspect<unknown>('toolMode')?.globalValue);
  await config.update('toolMode', { ...current, [model]: mode }, vscode.ConfigurationTarget.Global);
}

/** How the agent's edits are reviewed: each as it comes (the agent waits), or all at the end (staged; the agent works on). */
export type ReviewFlow = 'each' | 'end';

export function readReviewFlow(): ReviewFlow {
  return vscode.workspace.getConfiguration('ouro').get<string>('review.flow') === 'end' ? 'end' : 'each';
}

/** The chat's toggle: in the workspace when it has a folder, else for the user. */
export async function saveReviewFlow(flow: ReviewFlow): Promise<void> {
  const target = vscode.workspace.workspaceFolders?.length ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await vscode.workspace.getConfiguration('ouro').update('review.flow', flow, target);
}

/** `ouro.sandbox.*`: whether commands run in the OS sandbox, and the hosts they may reach. */
export function readSandboxSettings(): { enabled: boolean; allowNetwork: string[] } {
  const config = vscode.workspace.getConfiguration('ouro.sandbox');
  return { enabled: config.get<boolean>('enabled', true), allowNetwork: stringsOf(config.get('allowNetwork')) };
}

/** `ouro.commands.env.pass`: secret-looking variables commands still get. */
export function readPassEnv(): string[] {
  return stringsOf(vscode.workspace.getConfiguration('ouro.commands').get('env.pass'));
}

/** `ouro.commands.allow` and `.deny` as they are in force now. */
export function readCommandRules(): CommandRules {
  const config = vscode.workspace.getConfiguration('ouro.commands');
  return { allow: stringsOf(config.get('allow')), deny: stringsOf(config.get('deny')) };
}

/**
 * Adds allow rules to the workspace's settings (the user's when no folder is open), each once.
 * A workspace list replaces the user's list instead of adding to it, so the first one starts
 * from the rules in force: adding a rule never takes one away.
 */
export async function addCommandAllowRules(rules: readonly string[]): Promise<void> {
  const config = vscode.workspace.getConfiguration('ouro.commands');
  const inspected = config.inspect<unknown>('allow');
  const inWorkspace = (vscode.workspace.workspaceFolders?.length ?? 0) > 0;
  const current = inWorkspace ? (inspected?.workspaceValue ?? config.get('allow')) : inspected?.globalValue;
  const target = inWorkspace ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
  await config.update('allow', withAllowRules(stringsOf(current), rules), target);
}

export function stringsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string' && item.trim() !== '') : [];
}

export function onSettingsChanged(listener: () => void): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration('ouro')) listener();
  });
}

/** `ouro.mcp.autoAllowReadOnly`: MCP tools that say they only read run without asking. */
export function readMcpAutoAllowReadOnly(): boolean {
  return vscode.workspace.getConfiguration('ouro.mcp').get<boolean>('autoAllowReadOnly') === true;
}

/** `ouro.mcp.editorTools`: offer the editor's own tools (`vscode.lm.tools`) too. */
export function readOfferEditorTools(): boolean {
  return vscode.workspace.getConfiguration('ouro.mcp').get<boolean>('editorTools') !== false;
}

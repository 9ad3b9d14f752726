// Test connection in the editor: runs the checks, keeps the model list they read for the picker,
// and records the tool mode the probe found in `ouro.toolMode`, so a model that cannot make
// structured calls starts a task in text mode instead of failing halfway.
import type * as vscode from 'vscode';
import { testConnection, type ConnectionReport } from '../../llm/connectionTest';
import type { ModelCatalog } from '../../llm/modelCatalog';
import { toolModeFor } from '../../llm/toolMode';
import { readSettings, saveToolMode } from '../settings/settings';

export interface ConnectionTarget {
  baseURL: string;
  apiKey?: string;
  model: string;
}

export interface ConnectionOutcome {
  report: ConnectionReport;
  /** What changed in the settings because of it. */
  note?: string;
}

export class ConnectionTester {
  constructor(
    private readonly catalog: ModelCatalog,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async run(target: ConnectionTarget): Promise<ConnectionOutcome> {
    const report = await testConnection(target);
    if (report.models) this.catalog.remember(target, { kind: 'listed', models: report.models });
    this.log.info(`test connection ${target.model} at ${target.baseURL}: endpoint ${report.endpoint.status}, model ${report.model.status}, tools ${report.tools.mode ?? report.tools.status}`);
    const mode = report.tools.mode;
    if (!mode || toolModeFor(readSettings().toolMode, target.model) === mode) return { report };
    try {
      await saveToolMode(target.model, mode);
    } catch (error) {
      return { report, note: `Could not save the tool mode: ${error instanceof Error ? error.message : String(error)}` };
    }
    return { report, note: `Saved ouro.toolMode for ${target.model}: ${mode}.` };
  }
}

/** One line for a title or a notification: "✓ endpoint · ✓ model · tools: native". */
export function summarise(report: ConnectionReport): string {
  const mark = (status: string) => (status === 'ok' ? '✓' : status === 'failed' ? '✗' : '?');
  const parts = [`${mark(report.endpoint.status)} endpoint`, `${mark(report.model.status)} model`, `tools: ${report.tools.mode ?? (report.tools.status === 'skipped' ? '—' : 'unknown')}`];
  const problem = [report.endpoint, report.model, report.tools].find((line) => line.status === 'failed');
  return parts.join(' · ') + (problem ? ` — ${problem.message}` : '');
}

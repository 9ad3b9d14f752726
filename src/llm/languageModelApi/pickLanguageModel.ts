// Which of the language models VS Code offers `ouro.model` names: its id, else its family,
// else its name (ignoring case). An empty name takes the first one offered.

export interface LanguageModelInfo {
  id: string;
  name: string;
  vendor: string;
  family: string;
  version: string;
  maxInputTokens: number;
}

export function pickLanguageModel<T extends LanguageModelInfo>(models: readonly T[], wanted: string): T | undefined {
  const name = wanted.trim();
  if (!name) return models[0];
  const lower = name.toLowerCase();
  return models.find((model) => model.id === name) ?? models.find((model) => model.family === name) ?? models.find((model) => model.name.toLowerCase() === lower);
}

/** "No language model "x": VS Code offers gpt-4.1 (GPT-4.1), ..." or that it offers none. */
export function noSuchLanguageModel(models: readonly LanguageModelInfo[], wanted: string): string {
  if (models.length === 0) {
    return 'VS Code offers no language models to extensions: install and sign in to an extension that provides them (GitHub Copilot Chat, for one), or set ouro.provider to "openai".';
  }
  const offered = models.map((model) => `${model.id} (${model.name}, ${model.vendor})`).join(', ');
  return `VS Code offers no language model named "${wanted}". Set ouro.model to one of: ${offered}.`;
}

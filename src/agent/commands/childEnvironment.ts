// The environment a command or a self-made tool gets: the user's, minus what looks like a secret
// (API keys, tokens, passwords, cloud credentials), so `env` or a script that prints its
// environment cannot put a key into the next model request, the CLI's output or a saved
// conversation. Names the user lists (`ouro.commands.env.pass`, `--pass-env`) go through.

/** Whole names that hold credentials whatever their shape. */
const SECRET_NAMES = new Set([
  'GITHUB_TOKEN', 'GH_TOKEN', 'NPM_TOKEN', 'NODE_AUTH_TOKEN', 'HF_TOKEN', 'CI_JOB_TOKEN',
  'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_SECURITY_TOKEN',
  'AZURE_CLIENT_SECRET', 'AZURE_CLIENT_CERTIFICATE_PASSWORD', 'GOOGLE_APPLICATION_CREDENTIALS',
  'DATABASE_URL', 'REDIS_URL', 'SSH_AUTH_SOCK', 'GPG_AGENT_INFO', 'VAULT_TOKEN', 'DOCKER_AUTH_CONFIG',
]);

const SECRET_PATTERNS: readonly RegExp[] = [
  /_KEY$/, /_KEYS$/, /^KEY$/, /API_?KEY/, /_TOKEN$/, /^TOKEN$/, /_SECRET$/, /SECRET_/, /PASSWORD/, /PASSWD/, /PASSPHRASE/,
  /CREDENTIAL/, /_PAT$/, /_AUTH$/, /^OPENAI_/, /^ANTHROPIC_/, /^AZURE_OPENAI_/, /^BRAVE_/, /^OURO_.*(KEY|TOKEN)/,
];

export function isSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  return SECRET_NAMES.has(upper) || SECRET_PATTERNS.some((pattern) => pattern.test(upper));
}

/** `env` without the secret-looking variables, except those named in `pass`. */
export function childEnvironment(env: NodeJS.ProcessEnv, pass: readonly string[] = []): NodeJS.ProcessEnv {
  const kept = new Set(pass.map((name) => name.toUpperCase()));
  const out: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && (!isSecretName(name) || kept.has(name.toUpperCase()))) out[name] = value;
  }
  return out;
}

/** The names `childEnvironment` would leave out: for a terminal, where they must be unset one by one. */
export function secretNames(env: NodeJS.ProcessEnv, pass: readonly string[] = []): string[] {
  const kept = new Set(pass.map((name) => name.toUpperCase()));
  return Object.keys(env).filter((name) => isSecretName(name) && !kept.has(name.toUpperCase()));
}

/**
 * Every secret the server knows (vendor keys, tokens, session secret) is registered here when it is
 * loaded, so that log lines and error messages can be scrubbed of it whatever path they took.
 * Belt and braces: adapters already avoid putting secrets in messages.
 */

const secrets = new Set<string>();

/** Secrets shorter than this are not scrubbed: they would blank out ordinary words. */
const MIN_SECRET_LENGTH = 6;

export function registerSecret(value: string | undefined | null): void {
  if (value && value.length >= MIN_SECRET_LENGTH) secrets.add(value);
}

export function scrubSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) {
    if (out.includes(secret)) out = out.split(secret).join("[redacted]");
  }
  return out;
}

export function forgetSecretsForTests(): void {
  secrets.clear();
}

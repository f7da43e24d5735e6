/**
 * Refuses credential material in the synthesized tree. Git holds references
 * (IAM role ARNs, ExternalSecrets, store keys), never secrets: any of the
 * patterns below in a file means a bug or a definition that smuggles a
 * secret, and synth fails rather than write it.
 */

export interface CredentialFinding {
  /** File relative to the tree root. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /** What was found, e.g. `a private key`. */
  readonly what: string;
}

/** A value made only of template expressions (`{{ ... }}`) is a reference, not a secret. */
const TEMPLATE_ONLY = /^"?(\{\{[^}]*\}\}\s*)+"?$/;

export const CREDENTIAL_PATTERNS: readonly { readonly what: string; readonly re: RegExp; readonly valueGroup?: number }[] = [
  { what: 'a private key', re: /-----BEGIN ([A-Z]+ )?PRIVATE KEY-----/ },
  { what: 'an AWS access key id', re: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
  { what: 'an AWS secret access key', re: /aws_secret_access_key\s*[=:]\s*(\{\{.*?\}\}|\S+)/i, valueGroup: 1 },
  { what: 'a bearer token', re: /"?bearerToken"?\s*[:=]\s*("[^"]*"|\S+)/, valueGroup: 1 },
  { what: 'a kubeconfig client key', re: /"?(client-key-data|keyData)"?\s*:\s*("[^"]*"|\S+)/, valueGroup: 2 },
  { what: 'a kubeconfig token', re: /^\s*token\s*:\s*(\S+)/, valueGroup: 1 },
  { what: 'a password', re: /"?password"?\s*[:=]\s*("[^"]*"|\S+)/i, valueGroup: 1 },
  { what: 'a GitHub token', re: /\bgh[pousr]_[A-Za-z0-9]{36,}\b/ },
  { what: 'a JSON web token', re: /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/ },
];

/**
 * The patterns as whole-file scanners: a match never crosses a line (as if
 * each line were scanned alone), `^` starts a line.
 */
const SCANNERS = CREDENTIAL_PATTERNS.map((p) => ({
  ...p,
  re: new RegExp(p.re.source.replaceAll('\\s', '[^\\S\\n]').replaceAll('[^"]', '[^"\\n]'), `${p.re.flags}gm`),
}));

/** Most files contain none of these words: only those that do are scanned. */
const TRIGGERS = /PRIVATE KEY|AKIA|ASIA|aws_secret|bearerToken|client-key-data|keyData|token|password|gh[pousr]_|eyJ/i;

/** Every finding in `files`, in path order, then line order, then pattern order. */
export function scanForCredentials(files: ReadonlyMap<string, string>): CredentialFinding[] {
  const findings: CredentialFinding[] = [];
  for (const [file, content] of files) {
    if (!TRIGGERS.test(content)) continue;
    const found: { line: number; pattern: number }[] = [];
    SCANNERS.forEach(({ re, valueGroup }, pattern) => {
      // As a line-by-line scan would: the first match of a pattern on a line decides for that line.
      let lastLine = 0;
      let counted = 0;
      let line = 1;
      re.lastIndex = 0;
      for (let m = re.exec(content); m !== null; m = re.exec(content)) {
        if (m[0] === '') re.lastIndex++;
        for (let i = content.indexOf('\n', counted); i !== -1 && i < m.index; i = content.indexOf('\n', i + 1)) line++, counted = i + 1;
        if (line === lastLine) continue;
        lastLine = line;
        const value = valueGroup === undefined ? undefined : m[valueGroup]!;
        if (value !== undefined && (TEMPLATE_ONLY.test(value) || value === '""' || value === "''")) continue;
        found.push({ line, pattern });
      }
    });
    found.sort((a, b) => a.line - b.line || a.pattern - b.pattern);
    for (const f of found) findings.push({ file, line: f.line, what: CREDENTIAL_PATTERNS[f.pattern]!.what });
  }
  return findings;
}

export class CredentialError extends Error {
  constructor(readonly findings: readonly CredentialFinding[]) {
    super(
      `the synthesized tree would contain credential material, so nothing was written:\n${findings
        .map((f) => `  ${f.file}:${f.line}: ${f.what}`)
        .join('\n')}\nkeep secrets in a secret store and reference them (see README, "Registration")`,
    );
    this.name = 'CredentialError';
  }
}

/**
 * Refuses credential material in the synthesized tree. Git holds references
 * (IAM role ARNs, ExternalSecrets, store keys), never secrets: a finding
 * means a bug or a definition that smuggles a secret, and synth fails rather
 * than write it.
 *
 * Every file is first tested cheaply (`mayHoldCredentials`, a few linear
 * passes over its text); only files that may hold something are parsed and
 * scanned in full (`scanContent`): each finding names the file, the field
 * path and the kind of material. What is found:
 * - in any string: private keys (PEM), AWS access key ids, GitHub, GitLab,
 *   Slack and Stripe tokens, JWTs, URLs with a password in their user info;
 *   base64 that decodes to text is decoded and scanned again;
 * - any key naming a secret (`password`, `DB_PASS`, `token`, `id-token`,
 *   `refresh-token`, `bearerToken`, `keyData`, `certData`, `client-key-data`,
 *   `client-certificate-data`, `aws_secret_access_key`, `api-key`, ...) with a
 *   value that is not empty or a reference (`{{ ... }}`, `${...}`), also inside
 *   strings that hold JSON, YAML (kubeconfigs) or `key=value` text;
 * - in a `Secret`, any `data` (decoded) or `stringData` value that is not
 *   empty, except the `name`, `server` and credential-free `config`
 *   (`awsAuthConfig`, `tlsClientConfig.caData`) of an Argo CD cluster Secret.
 */
import { scanContent } from './credential-scan';
import { mayHoldCredentials } from './credential-text';

export interface CredentialFinding {
  /** File relative to the tree root. */
  readonly file: string;
  /**
   * Field path in the file's object, e.g. `stringData.DB_PASS`; `→` enters a
   * string holding JSON, YAML or `key=value` text (`stringData.config → bearerToken`).
   * `''` when the file is text and the finding is in it as a whole.
   */
  readonly field: string;
  /** What was found, e.g. `a private key`. */
  readonly what: string;
}

/**
 * Every finding in `files`, in path order, then in the order of the file's fields.
 * @param candidates the files that `mayHoldCredentials` already found may hold some (the
 *   others are not read again); by default every file is tested
 */
export function scanForCredentials(files: ReadonlyMap<string, string>, candidates?: ReadonlySet<string>): CredentialFinding[] {
  const findings: CredentialFinding[] = [];
  for (const [file, content] of files) {
    if (candidates === undefined ? !mayHoldCredentials(content) : !candidates.has(file)) continue;
    for (const { field, what } of scanContent(content)) findings.push({ file, field, what });
  }
  return findings;
}

/** `file: field: what`, or `file: what` for a text file as a whole. */
export function formatFinding(finding: CredentialFinding): string {
  return finding.field === '' ? `${finding.file}: ${finding.what}` : `${finding.file}: ${finding.field}: ${finding.what}`;
}

export class CredentialError extends Error {
  constructor(readonly findings: readonly CredentialFinding[]) {
    super(
      `the synthesized tree would contain credential material, so nothing was written:\n${findings
        .map((f) => `  ${formatFinding(f)}`)
        .join('\n')}\nkeep secrets in a secret store and reference them (see README, "Registration")`,
    );
    this.name = 'CredentialError';
  }
}

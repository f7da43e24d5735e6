/**
 * The ApplicationSet pull request generator: one parameter set per open pull
 * request of a repository (optionally only those carrying given labels). A
 * pull request that is closed, merged or loses a label drops out of the
 * parameters, and the ApplicationSet then deletes its Application (unless its
 * sync policy forbids deleting).
 * @see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/Generators-Pull-Request/
 */
import { GeneratorCheck, type Generator } from './cluster-generator';
import type { ApplicationSetGeneratorSpec } from './types';

export interface GithubPullRequestsProps {
  /** The GitHub organization or user. */
  readonly owner: string;
  /** The repository's name (without the owner). */
  readonly repo: string;
  /**
   * The Secret (in the ApplicationSet's namespace) holding a GitHub token, by reference:
   * the token never appears in Git. With Argo CD's tokenRef strict mode the Secret must be
   * labelled `argocd.argoproj.io/secret-type: scm-creds`.
   */
  readonly tokenSecret: { readonly name: string; readonly key: string };
  /**
   * Only pull requests carrying all these labels.
   * @default [] (every open pull request)
   */
  readonly labels?: readonly string[];
  /**
   * GitHub Enterprise's API URL.
   * @default - github.com
   */
  readonly api?: string;
  /**
   * How often GitHub is polled when no webhook triggers the controller: new pull requests
   * get their Application, and closed ones lose it, within this time.
   * @default 300
   */
  readonly requeueAfterSeconds?: number;
}

/** Go-template expressions reading the pull request generator's parameters. */
export const PullRequestParam = {
  /** The pull request's number (a string). */
  number: '{{ .number }}',
  /** The head branch. */
  branch: '{{ .branch }}',
  /** The head branch as a DNS label, at most 50 characters. */
  branchSlug: '{{ .branch_slug }}',
  /** The full SHA of the head commit: deploy exactly what the pull request holds. */
  headSha: '{{ .head_sha }}',
  /** The first 8 characters of the head SHA. */
  headShortSha: '{{ .head_short_sha }}',
} as const;

const GITHUB_OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/;
const GITHUB_REPO = /^[A-Za-z0-9._-]{1,100}$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

export class PullRequestGenerator implements Generator {
  /** Open pull requests of a GitHub repository. */
  static github(props: GithubPullRequestsProps): PullRequestGenerator {
    const check = new GeneratorCheck('PullRequestGenerator');
    check.expect(GITHUB_OWNER.test(props.owner), 'owner', props.owner, 'is not a GitHub user or organization name', 'use letters, digits and -, e.g. "acme"');
    check.expect(GITHUB_REPO.test(props.repo), 'repo', props.repo, 'is not a GitHub repository name', 'give the name alone, e.g. "payments-api" (the owner goes in owner)');
    check.expect(DNS_SUBDOMAIN.test(props.tokenSecret.name), 'tokenSecret.name', props.tokenSecret.name, 'is not a Secret name', 'name the Secret holding the token, e.g. "github-token"');
    check.expect(props.tokenSecret.key.length > 0, 'tokenSecret.key', props.tokenSecret.key, 'is empty', 'name the key of the token in the Secret, e.g. "token"');
    (props.labels ?? []).forEach((label, i) => check.expect(label.trim() !== '', `labels[${i}]`, label, 'is empty', 'give the label as GitHub shows it, e.g. "preview"'));
    check.expect(props.api === undefined || /^https:\/\/\S+$/.test(props.api), 'api', props.api, 'is not an https URL', 'use e.g. "https://github.example.com/api/v3"');
    const requeue = props.requeueAfterSeconds ?? 300;
    check.expect(Number.isInteger(requeue) && requeue > 0, 'requeueAfterSeconds', requeue, 'is not a positive whole number of seconds', 'use e.g. 300');
    check.done();
    const labels = props.labels ?? [];
    return new PullRequestGenerator({
      pullRequest: {
        github: {
          owner: props.owner,
          repo: props.repo,
          ...(props.api !== undefined ? { api: props.api } : {}),
          tokenRef: { secretName: props.tokenSecret.name, key: props.tokenSecret.key },
          ...(labels.length > 0 ? { labels: [...labels] } : {}),
        },
        requeueAfterSeconds: requeue,
      },
    });
  }

  private constructor(readonly spec: ApplicationSetGeneratorSpec) {}
}

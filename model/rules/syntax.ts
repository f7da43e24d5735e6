/**
 * Syntax checks for the strings a fleet definition carries. Each returns
 * `undefined` when the value is fine, or `[issue, fix]` for the message.
 */

export type SyntaxIssue = readonly [issue: string, fix: string] | undefined;

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/** RFC 1123 label: what Kubernetes requires of namespaces and most names. */
export function dnsLabel(value: string, maxLength = 63): SyntaxIssue {
  if (value.length > maxLength) {
    return [`is ${value.length} characters long`, `use at most ${maxLength}`];
  }
  if (!DNS_LABEL.test(value)) {
    return ['is not a DNS-1123 label', "use lowercase letters, digits and '-', starting and ending with a letter or digit"];
  }
  return undefined;
}

/** RFC 1123 subdomain: names of most Kubernetes objects. */
export function dnsSubdomain(value: string): SyntaxIssue {
  if (value.length > 253) return [`is ${value.length} characters long`, 'use at most 253'];
  if (!DNS_SUBDOMAIN.test(value)) {
    return ['is not a DNS-1123 subdomain', "use lowercase letters, digits, '-' and '.'"];
  }
  return undefined;
}

/** A Kubernetes label (or annotation) key: optional DNS prefix, '/', name. */
export function labelKey(key: string): SyntaxIssue {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (prefix !== undefined && (prefix.length === 0 || prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) {
    return ['is not a valid label key: the prefix before "/" must be a DNS subdomain', 'use a prefix like "example.com/"'];
  }
  if (name.length === 0 || name.length > 63 || !LABEL_NAME.test(name)) {
    return [
      'is not a valid label key',
      "use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit (optionally after a DNS prefix and '/')",
    ];
  }
  return undefined;
}

/** A Kubernetes label value (may be empty). */
export function labelValue(value: string): SyntaxIssue {
  if (value.length > 63) return [`is ${value.length} characters long, too long for a label value`, 'use at most 63 characters'];
  if (value !== '' && !LABEL_NAME.test(value)) {
    return ['is not a valid label value', "use letters, digits, '-', '_' or '.', starting and ending with a letter or digit"];
  }
  return undefined;
}

const AWS_REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d+$/;

export function awsRegion(value: string): SyntaxIssue {
  return AWS_REGION.test(value) ? undefined : ['is not an AWS region', 'use a region code like "us-east-1"'];
}

const IAM_ROLE_ARN = /^arn:aws(-cn|-us-gov)?:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/;

export function iamRoleArn(value: string): SyntaxIssue {
  return IAM_ROLE_ARN.test(value)
    ? undefined
    : ['is not an IAM role ARN', 'use "arn:aws:iam::<12-digit account>:role/<name>"'];
}

const EKS_NAME = /^[0-9A-Za-z][A-Za-z0-9\-_]*$/;

export function eksClusterName(value: string): SyntaxIssue {
  if (value.length > 100) return [`is ${value.length} characters long`, 'EKS allows at most 100'];
  return EKS_NAME.test(value) ? undefined : ['is not a valid EKS cluster name', "use letters, digits, '-' and '_', starting with a letter or digit"];
}

const INSTANCE_TYPE = /^[a-z][a-z0-9-]*\.[a-z0-9]+$/;

export function instanceType(value: string): SyntaxIssue {
  return INSTANCE_TYPE.test(value) ? undefined : ['is not an EC2 instance type', 'use a type like "m6i.xlarge"'];
}

const GIT_URL = /^(https?:\/\/[^\s/]+\/\S+|ssh:\/\/\S+|[\w.-]+@[\w.-]+:\S+)$/;

export function gitUrl(value: string): SyntaxIssue {
  return GIT_URL.test(value)
    ? undefined
    : ['is not a Git repository URL', 'use "https://host/org/repo.git" or "git@host:org/repo.git"'];
}

/** A source an AppProject accepts: a Git or Helm repository URL, or an Argo CD glob over them. */
export function sourceRepoPattern(value: string): SyntaxIssue {
  if (value === '*') return ['would accept every repository, undoing the projects\' restriction', 'list the repositories, or a glob under your organisation such as "https://github.com/acme/*"'];
  return GIT_URL.test(value) || /^(https?|oci):\/\/[^\s/]+(\/\S*)?$/.test(value)
    ? undefined
    : ['is not a repository URL or glob', 'use "https://host/org/repo.git", "git@host:org/repo.git", a Helm repository such as "https://charts.acme.io", or a glob such as "https://github.com/acme/*"'];
}

const HTTPS_URL = /^https:\/\/[^\s/?#]+(:\d+)?(\/[^\s]*)?$/;

export function httpsUrl(value: string): SyntaxIssue {
  return HTTPS_URL.test(value) ? undefined : ['is not an https URL', 'use the API server URL, e.g. "https://api.example.com:6443"'];
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

export function base64(value: string): SyntaxIssue {
  return BASE64.test(value) && value.length % 4 === 0 ? undefined : ['is not base64', 'paste the base64 text as printed by `aws eks describe-cluster`'];
}

const GIT_REF = /^[^\s~^:?*[\\]+$/;

export function gitRevision(value: string): SyntaxIssue {
  return GIT_REF.test(value) ? undefined : ['is not a Git branch, tag or commit', 'use e.g. "main" or "v1.2.0"'];
}

/** A relative folder inside a repository: no leading '/', no '..'. */
export function repoFolder(value: string): SyntaxIssue {
  if (value.startsWith('/') || value.split('/').includes('..') || /\s/.test(value)) {
    return ['is not a relative folder inside the repository', 'use a path like "gitops" or "." for the root'];
  }
  return undefined;
}

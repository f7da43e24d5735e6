/**
 * The files of a tree as comparable documents. A Kubernetes object (any YAML
 * document with `apiVersion`, `kind` and `metadata.name`, kustomization.yaml
 * included) is identified by its folder, API group, kind, namespace and name:
 * the version is left out, so moving an object to a newer version of its API
 * is a change of that object (`apiVersion: v1beta1 → v1`), not a removal and
 * an addition. Any other file (Helm values, reports) is identified by its
 * path and compared as data (YAML, JSON) or as text.
 */
import * as path from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface ObjectIdentity {
  /** API group; '' for the core group. */
  readonly group: string;
  readonly version: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

export interface Document {
  /** Unique in a tree: the folder and the object's identity, or the file's path. */
  readonly key: string;
  /** The file it comes from, relative to the tree root. */
  readonly file: string;
  /** The file's folder. */
  readonly dir: string;
  /** Set for Kubernetes objects. */
  readonly object?: ObjectIdentity;
  /** The parsed content: an object, YAML or JSON data, or text. */
  readonly content: unknown;
}

/** `group/version` split, `v1` being the core group. */
export function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.lastIndexOf('/');
  return slash === -1 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** The documents of one file. */
export function parseFile(file: string, text: string): Document[] {
  const dir = path.posix.dirname(file);
  const asFile = (content: unknown): Document[] => [{ key: `${dir}\u0000file\u0000${path.posix.basename(file)}`, file, dir, content }];
  if (/\.ya?ml$/.test(file)) {
    const docs = parseYaml(text);
    if (docs === undefined) return asFile(text);
    const objects = docs.map((d) => identity(d));
    if (docs.length > 0 && objects.every((o) => o !== undefined)) {
      return docs.map((content, i) => {
        const o = objects[i]!;
        return { key: `${dir}\u0000${o.group}\u0000${o.kind}\u0000${o.namespace ?? ''}\u0000${o.name}`, file, dir, object: o, content };
      });
    }
    return asFile(docs.length === 1 ? docs[0] : docs);
  }
  if (file.endsWith('.json')) {
    try {
      return asFile(JSON.parse(text));
    } catch {
      return asFile(text);
    }
  }
  return asFile(text);
}

/** Every document of a YAML stream, or undefined when it does not parse. */
function parseYaml(text: string): unknown[] | undefined {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs)) return [];
  if (docs.some((d) => d.errors.length > 0)) return undefined;
  return docs.map((d) => d.toJS({ maxAliasCount: -1 })).filter((d) => d !== null && d !== undefined);
}

function identity(doc: unknown): ObjectIdentity | undefined {
  if (!isRecord(doc) || typeof doc.apiVersion !== 'string' || typeof doc.kind !== 'string' || !isRecord(doc.metadata)) return undefined;
  const { name, namespace } = doc.metadata;
  if (typeof name !== 'string') return undefined;
  return { ...splitApiVersion(doc.apiVersion), kind: doc.kind, ...(typeof namespace === 'string' && namespace !== '' ? { namespace } : {}), name };
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `Kind namespace/name` or the file's name: how reports name a document. */
export function describeDocument(doc: Pick<Document, 'object' | 'file'>): string {
  const o = doc.object;
  if (!o) return path.posix.basename(doc.file);
  return `${o.kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

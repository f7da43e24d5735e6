/** The commands' defaults, in one place: the commands use them and `--help` quotes them. */

/** Where `bench` writes the medians as JSON. */
export const DEFAULT_BENCH_OUT = 'bench-results.json';
/** Runs per fleet size of `bench`, each in a fresh process. */
export const DEFAULT_RUNS = 3;
/** Up to this many clusters, `bench` also measures cdk8s `App.synth()` (it grows faster than linearly). */
export const DEFAULT_REFERENCE_MAX = 1_000;
/** Where the pictures go by default: a folder of their own, outside the GitOps tree Argo CD syncs. */
export const DEFAULT_GRAPH_OUT = 'graph';

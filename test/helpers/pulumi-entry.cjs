'use strict';
// Runs the Pulumi program the way Pulumi's Node.js runtime does (run.js of
// @pulumi/pulumi): in the project root, without ts-node (Pulumi.yaml sets
// `typescript: false`), `require` of the `main` of Pulumi.yaml, then a call of
// the function it exports, whose result becomes the stack's outputs. The
// engine is mocked (pulumi.runtime.setMocks), nothing else is registered
// beforehand: in particular no TypeScript loader, which the entry must bring.
//
// Usage: node test/helpers/pulumi-entry.cjs <main> <stack>, with the stack's
// config as JSON in FLEETWRIGHT_TEST_CONFIG. Prints one JSON line: the types of
// the resources registered (counts), the outputs (kubeconfigs replaced by
// whether they are secret), or the error's name and message.
const path = require('node:path');
const pulumi = require('@pulumi/pulumi');

const [main, stack] = process.argv.slice(2);
const registered = {};

const mocks = {
  newResource(args) {
    registered[args.type] = (registered[args.type] ?? 0) + 1;
    const state = { ...args.inputs };
    if (args.type === 'pulumi:pulumi:StackReference') {
      return { id: args.inputs.name, state: { name: args.inputs.name, outputs: { kubeconfig: 'apiVersion: v1\nkind: Config\n' }, secretOutputNames: ['kubeconfig'] } };
    }
    if (args.type === 'aws:eks/cluster:Cluster') {
      state.endpoint = `https://${args.name}.eks.example`;
      state.certificateAuthority = { data: 'Q0E=' };
      state.identities = [{ oidcs: [{ issuer: `https://oidc.eks.example/id/${args.name}` }] }];
      state.arn = `arn:aws:eks:us-east-1:111122223333:cluster/${args.name}`;
    }
    if (args.type === 'aws:iam/role:Role') state.arn = `arn:aws:iam::111122223333:role/${args.name}`;
    return { id: `${args.name}-id`, state };
  },
  call(args) {
    if (args.token === 'aws:index/getAvailabilityZones:getAvailabilityZones') {
      const region = args.inputs.region ?? 'us-east-1';
      return { names: ['a', 'b', 'c'].map((l) => `${region}${l}`), zoneIds: [1, 2, 3].map((i) => `${region}-az${i}`) };
    }
    return {};
  },
};

async function run() {
  await pulumi.runtime.setMocks(mocks, 'fleetwright', stack, false, 'acme');
  pulumi.runtime.setAllConfig(JSON.parse(process.env.FLEETWRIGHT_TEST_CONFIG ?? '{}'));
  const programExport = require(path.join(process.cwd(), main));
  const outputs = await (programExport instanceof Function ? programExport() : programExport);
  const clusters = await Promise.all(
    outputs.clusters.map(async (c) => ({
      name: c.name,
      ...(c.kubeconfig !== undefined ? { kubeconfigSecret: await pulumi.isSecret(c.kubeconfig) } : {}),
    })),
  );
  // Let the mocked engine see every registration before counting.
  await new Promise((resolve) => setTimeout(resolve, 200));
  return { registered, environment: outputs.environment, delivery: outputs.delivery, clusters };
}

run().then(
  (result) => process.stdout.write(`${JSON.stringify(result)}\n`),
  (e) => {
    process.stdout.write(`${JSON.stringify({ error: { name: e.name, message: e.message } })}\n`);
  },
);

#!/usr/bin/env node
// Generates imports/k8s.ts: the Kubernetes object classes (KubeNamespace, KubeConfigMap, ...) the library and the
// examples use, with `cdk8s import k8s`'s own generator, limited to the kinds below. A full `cdk8s import k8s`
// is about 1.7 MB of TypeScript, and the alternative, cdk8s-plus-33, about 25 MB of node_modules for every user.
//
// `cdk8s import k8s@1.33.0` always downloads the schema; this reads the same `_definitions.json` from
// ../shared/k8s-schemas/v1.33/ (or $AKS_ISTIO_MESH_K8S_SCHEMAS_FILE) when present, else downloads it, and hands
// cdk8s-cli's importer the definitions filtered to these kinds (the types they reference stay available).
// Run by scripts/import.mjs.
const fs = require('node:fs');
const path = require('node:path');

const K8S_VERSION = '1.33.0';
/** kind -> group/version of the one version generated (the stable one). */
const KINDS = {
  Namespace: 'v1',
  ConfigMap: 'v1',
  Service: 'v1',
  ServiceAccount: 'v1',
  Deployment: 'apps/v1',
  Ingress: 'networking.k8s.io/v1',
  IngressClass: 'networking.k8s.io/v1',
  HorizontalPodAutoscaler: 'autoscaling/v2',
};
const SCHEMA_URL = `https://raw.githubusercontent.com/cdk8s-team/cdk8s/master/kubernetes-schemas/v${K8S_VERSION}/_definitions.json`;

const root = path.resolve(__dirname, '..');
const localSchema = process.env.AKS_ISTIO_MESH_K8S_SCHEMAS_FILE
  ?? path.resolve(root, '..', 'shared', 'k8s-schemas', `v${K8S_VERSION.split('.').slice(0, 2).join('.')}`, '_definitions.json');

// cdk8s-cli exports none of its importer; require its files by path (pinned by package-lock.json).
const cli = file => require(path.join(root, 'node_modules', 'cdk8s-cli', 'lib', file));

async function main() {
  const text = fs.existsSync(localSchema) ? fs.readFileSync(localSchema, 'utf8') : await (await fetch(SCHEMA_URL)).text();
  console.log(`import k8s@${K8S_VERSION} (${Object.keys(KINDS).join(', ')}) from ${fs.existsSync(localSchema) ? localSchema : SCHEMA_URL}`);
  const schema = JSON.parse(text);
  const definitions = {};
  const found = new Set();
  for (const [name, definition] of Object.entries(schema.definitions)) {
    const gvks = definition['x-kubernetes-group-version-kind'];
    if (gvks && definition.properties && definition.properties.metadata) {
      const wanted = gvks.find(g => KINDS[g.kind] === (g.group ? `${g.group}/${g.version}` : g.version));
      if (!wanted) continue;
      found.add(wanted.kind);
    }
    definitions[name] = definition;
  }
  const missing = Object.keys(KINDS).filter(k => !found.has(k));
  if (missing.length > 0) throw new Error(`the k8s ${K8S_VERSION} schema has no ${missing.join(', ')} at the listed versions`);

  const util = cli('util.js');
  const download = util.download;
  util.download = async url => {
    if (!url.endsWith(`/v${K8S_VERSION}/_definitions.json`)) return download(url);
    return JSON.stringify({ ...schema, definitions });
  };
  const { ImportKubernetesApi } = cli('import/k8s.js');
  await new ImportKubernetesApi({ apiVersion: K8S_VERSION }).import({ targetLanguage: 'typescript', outdir: path.join(root, 'imports') });
}

main().catch(e => { console.error(e); process.exit(1); });

#!/usr/bin/env node
// Regenerates imports/ with `cdk8s import` from the pinned CRDs listed in cdk8s.yaml.
// Offline machines read the same files from ../shared/crds/ (or $AKS_ISTIO_MESH_CRDS_DIR) when present.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const crdsDir = process.env.AKS_ISTIO_MESH_CRDS_DIR ?? resolve(root, '..', 'shared', 'crds');

// Upstream URL -> the byte-identical copy's name in the offline CRD folder.
const localCopies = {
  'https://raw.githubusercontent.com/istio/istio/1.30.3/manifests/charts/base/files/crd-all.gen.yaml': 'istio-1.30-crds.yaml',
  'https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.3.0/standard-install.yaml': 'gateway-api-v1.3.0-standard.yaml',
  'https://raw.githubusercontent.com/Azure/kube-egress-gateway/v0.1.8/helm/kube-egress-gateway/crds/crds.yaml': 'kube-egress-gateway-v0.1.8-crds.yaml',
  'https://raw.githubusercontent.com/kubernetes-sigs/secrets-store-csi-driver/v1.6.0/deploy/secrets-store.csi.x-k8s.io_secretproviderclasses.yaml': 'secrets-store-csi-driver-v1.6.0-crds.yaml',
};

const config = parse(readFileSync(join(root, 'cdk8s.yaml'), 'utf8'));
const outDir = join(root, 'imports');
rmSync(outDir, { recursive: true, force: true });

for (const spec of config.imports ?? []) {
  const [name, url] = spec.split(':=');
  const local = localCopies[url] && join(crdsDir, localCopies[url]);
  const source = local && existsSync(local) ? local : url;
  console.log(`import ${name} from ${source}`);
  execFileSync(join(root, 'node_modules', '.bin', 'cdk8s'),
    ['import', '--no-save', '--no-check-upgrade', '--language', 'typescript', '--output', outDir, `${name}:=${source}`],
    { cwd: root, stdio: 'inherit' });
}
// imports/k8s.ts: the Kubernetes kinds in use, offline from ../shared/k8s-schemas when present (see the script).
execFileSync(process.execPath, [join(root, 'scripts', 'import-k8s.cjs')], { cwd: root, stdio: 'inherit' });
execFileSync(process.execPath, [join(root, 'scripts', 'optimize-imports.mjs')], { cwd: root, stdio: 'inherit' });

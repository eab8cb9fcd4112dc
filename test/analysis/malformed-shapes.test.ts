import { ALL_RULES, analyze, Manifest, MalformedObject } from '../../src/analysis';
import { profile } from './helpers';

/** One well-formed object of each kind the rules read, with the fields they look at. */
const WELL_FORMED: Record<string, unknown>[] = [
  { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'vs', namespace: 'shop' }, spec: { hosts: ['a', 'b.example.com'], gateways: ['edge/gw', 'mesh'], exportTo: ['.'], http: [{ name: 'r', match: [{ uri: { prefix: '/a' }, method: { exact: 'GET' }, headers: { x: { exact: '1' } }, port: 80 }], route: [{ destination: { host: 'a', subset: 'v1', port: { number: 80 } }, weight: 100 }], mirror: { host: 'b' }, mirrors: [{ destination: { host: 'c' } }] }], tcp: [{ match: [{ port: 9000 }], route: [{ destination: { host: 'a' } }] }], tls: [{ match: [{ port: 443, sniHosts: ['a.example.com'] }], route: [{ destination: { host: 'a' } }] }] } },
  { apiVersion: 'networking.istio.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'edge' }, spec: { selector: { istio: 'aks-istio-ingressgateway-external' }, servers: [{ port: { number: 443, name: 'https', protocol: 'HTTPS' }, hosts: ['shop/*.example.com'], bind: '0.0.0.0', tls: { mode: 'SIMPLE', credentialName: 'cert' } }] } },
  { apiVersion: 'networking.istio.io/v1', kind: 'DestinationRule', metadata: { name: 'dr', namespace: 'shop' }, spec: { host: 'a', exportTo: ['*'], subsets: [{ name: 'v1', labels: { v: '1' } }], trafficPolicy: { tls: { mode: 'SIMPLE' } } } },
  { apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'se', namespace: 'shop' }, spec: { hosts: ['ext.example.com'], addresses: ['10.0.0.1'], exportTo: ['.'], ports: [{ number: 443, name: 'tls', protocol: 'TLS', targetPort: 443 }], resolution: 'DNS', location: 'MESH_EXTERNAL', endpoints: [{ address: 'x' }] } },
  { apiVersion: 'networking.istio.io/v1alpha3', kind: 'EnvoyFilter', metadata: { name: 'ef', namespace: 'shop' }, spec: { configPatches: [{ patch: { value: { name: 'x' } } }] } },
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'Gateway', metadata: { name: 'gw', namespace: 'aks-istio-ingress' }, spec: { gatewayClassName: 'istio', addresses: [{ type: 'Hostname', value: 'aks-istio-ingressgateway-external' }], listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', hostname: '*.example.com', tls: { mode: 'Terminate', certificateRefs: [{ name: 'cert' }] }, allowedRoutes: { kinds: [{ kind: 'HTTPRoute' }], namespaces: { from: 'Selector', selector: { matchLabels: { a: 'b' } } } } }] } },
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'HTTPRoute', metadata: { name: 'r', namespace: 'shop' }, spec: { parentRefs: [{ name: 'gw', namespace: 'aks-istio-ingress', sectionName: 'https', port: 443 }], hostnames: ['a.example.com'], rules: [{ matches: [{ path: { value: '/' } }], filters: [{ type: 'RequestMirror', requestMirror: { backendRef: { name: 'm', port: 80 } } }], backendRefs: [{ name: 'a', namespace: 'other', port: 80, weight: 1 }] }] } },
  { apiVersion: 'gateway.networking.k8s.io/v1', kind: 'ReferenceGrant', metadata: { name: 'g', namespace: 'other' }, spec: { from: [{ group: 'gateway.networking.k8s.io', kind: 'HTTPRoute', namespace: 'shop' }], to: [{ group: '', kind: 'Service', name: 'a' }] } },
  { apiVersion: 'v1', kind: 'Service', metadata: { name: 'a', namespace: 'shop', annotations: { 'networking.istio.io/exportTo': '.' } }, spec: { ports: [{ port: 80, name: 'http' }], selector: { app: 'a' }, type: 'ClusterIP' } },
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { 'istio.io/rev': 'asm-1-30', a: 'b' } } },
  { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'istio-shared-configmap-asm-1-30', namespace: 'aks-istio-system' }, data: { mesh: 'accessLogFile: /dev/stdout\n' } },
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'shop', labels: { app: 'a' } } },
  { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: 'shop' }, spec: { replicas: 1, template: { metadata: { labels: { app: 'a' } } } } },
  { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 's', namespace: 'shop' }, spec: { workloadSelector: { labels: { app: 'a' } }, egress: [{ hosts: ['./*'] }] } },
  { apiVersion: 'networking.istio.io/v1', kind: 'Sidecar', metadata: { name: 'ns-wide', namespace: 'shop' }, spec: { egress: [{ hosts: ['./*'] }] } },
  { apiVersion: 'telemetry.istio.io/v1', kind: 'Telemetry', metadata: { name: 't', namespace: 'shop' }, spec: { selector: { matchLabels: { app: 'a' } }, targetRefs: [{ name: 'gw' }] } },
  { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'cert', namespace: 'aks-istio-ingress' } },
  { apiVersion: 'secrets-store.csi.x-k8s.io/v1', kind: 'SecretProviderClass', metadata: { name: 'spc', namespace: 'aks-istio-ingress' }, spec: { secretObjects: [{ secretName: 'cert' }] } },
];

/** Values of every JSON type, each wrong for most fields. */
const WRONG: unknown[] = ['a', 1.5, null, ['x', 1], { x: [1] }];

/** Every path to a value in `value` (objects and lists included). */
function paths(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = prefix.length > 0 ? [prefix] : [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...prefix, i])));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...prefix, k]));
  return out;
}

function replaced(object: Record<string, unknown>, path: (string | number)[], value: unknown): Record<string, unknown> {
  const copy = structuredClone(object);
  let cur: Record<string | number, unknown> = copy;
  for (const key of path.slice(0, -1)) cur = cur[key] as Record<string | number, unknown>;
  cur[path[path.length - 1]] = value;
  return copy;
}

describe('rules tolerate malformed shapes', () => {
  test('no rule throws when any field of any object has the wrong type', () => {
    let variants = 0;
    for (const [i, object] of WELL_FORMED.entries()) {
      for (const path of paths(object)) {
        // metadata.name/kind/apiVersion decide whether the object is indexed at all; everything else is fair game.
        if (path[0] === 'apiVersion' || path[0] === 'kind' || (path[0] === 'metadata' && path[1] === 'name')) continue;
        for (const wrong of WRONG) {
          const set = WELL_FORMED.map((o, j) => (j === i ? replaced(o, path, wrong) : o));
          const manifests: Manifest[] = set.map(o => ({ object: o, file: 'fuzz.yaml' }));
          // With and without a profile, alternately (the profile changes which gateways rules know).
          const options = variants++ % 2 === 0 ? {} : { profile };
          expect(() => analyze(manifests, options)).not.toThrow();
        }
      }
    }
    expect(variants).toBeGreaterThan(1000);
  }, 60_000);

  test('the well-formed set has no AIM100 finding, and a list written as a string is one', () => {
    // GIVEN
    const manifests = WELL_FORMED.map(o => ({ object: o }));
    // WHEN / THEN
    expect(analyze(manifests, { rules: [MalformedObject] })).toEqual([]);
    const broken = replaced(WELL_FORMED[0], ['spec', 'hosts'], 'a');
    expect(analyze([{ object: broken }], { rules: [MalformedObject] }).map(f => f.message)).toEqual(['VirtualService shop/vs field spec.hosts must be a list of strings, got string "a"']);
    expect(ALL_RULES[0]).toBe(MalformedObject);
  });
});

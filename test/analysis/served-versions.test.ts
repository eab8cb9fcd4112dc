import { analyze, Finding, parseManifests } from '../../src/analysis';

// One planted case per rule that reads Istio networking or Gateway API objects, written with placeholders
// for the API versions, so the same set can be read in every version users still write.
const PLANTED = `
apiVersion: networking.istio.io/@VS
kind: VirtualService
metadata: { name: vs-missing-gateway, namespace: shop }
spec: { hosts: [shop.example.com], gateways: [missing], http: [{ route: [{ destination: { host: web } }] }] }
---
apiVersion: networking.istio.io/@GW
kind: Gateway
metadata: { name: gw, namespace: shop }
spec:
  selector: { istio: aks-istio-ingressgateway-external }
  servers: [{ port: { number: 8080, name: http, protocol: HTTP }, hosts: [a.example.com] }]
---
apiVersion: networking.istio.io/@VS
kind: VirtualService
metadata: { name: vs-host-not-served, namespace: shop }
spec: { hosts: [b.example.com], gateways: [gw], http: [{ route: [{ destination: { host: web } }] }] }
---
apiVersion: networking.istio.io/@DR
kind: DestinationRule
metadata: { name: reviews, namespace: shop }
spec: { host: reviews, subsets: [{ name: v1, labels: { version: v1 } }] }
---
apiVersion: networking.istio.io/@VS
kind: VirtualService
metadata: { name: vs-missing-subset, namespace: shop }
spec: { hosts: [reviews], http: [{ route: [{ destination: { host: reviews, subset: v9 } }] }] }
---
apiVersion: gateway.networking.k8s.io/@GWAPI
kind: Gateway
metadata: { name: gw, namespace: edge }
spec:
  gatewayClassName: istio
  listeners: [{ name: http, port: 80, protocol: HTTP, allowedRoutes: { namespaces: { from: Same } } }]
---
apiVersion: gateway.networking.k8s.io/@ROUTE
kind: HTTPRoute
metadata: { name: missing-section, namespace: edge }
spec: { parentRefs: [{ name: gw, sectionName: https }] }
---
apiVersion: gateway.networking.k8s.io/@ROUTE
kind: HTTPRoute
metadata: { name: other-namespace, namespace: shop }
spec:
  parentRefs: [{ name: gw, namespace: edge }]
  rules: [{ backendRefs: [{ name: api, namespace: backend, port: 80 }] }]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TCPRoute
metadata: { name: tcp, namespace: edge }
spec: { parentRefs: [{ name: gw, sectionName: tcp }], rules: [{ backendRefs: [{ name: db, port: 5432 }] }] }
`;

interface Versions { VS: string; GW: string; DR: string; GWAPI: string; ROUTE: string }

function findingsFor(v: Versions): Finding[] {
  const text = PLANTED.replace(/@(VS|GW|DR|GWAPI|ROUTE)\b/g, (_, k: keyof Versions) => v[k]);
  return analyze(parseManifests(text, 'planted.yaml'));
}

/** What must not change with the version: rule, object, message, line. */
function essence(findings: Finding[]): string[] {
  return findings.map(f => `${f.line} ${f.code} ${f.object.kind} ${f.object.namespace}/${f.object.name}: ${f.message}`);
}

const V1: Versions = { VS: 'v1', GW: 'v1', DR: 'v1', GWAPI: 'v1', ROUTE: 'v1' };

describe('every served version counts as the same kind', () => {
  test('the planted v1 set fires every planted rule', () => {
    // Rules added later may find more in this set; the planted ones must all be there.
    const planted = new Set(['AIM102', 'AIM103', 'AIM105', 'AIM106', 'AIM107', 'AIM108', 'AIM201']);
    expect(findingsFor(V1).filter(f => planted.has(f.code)).map(f => `${f.code} ${f.object.name}`).sort()).toEqual([
      'AIM102 vs-missing-gateway',
      'AIM103 vs-host-not-served',
      'AIM105 vs-missing-subset',
      'AIM106 missing-section',
      'AIM106 tcp',
      'AIM107 other-namespace',
      'AIM108 other-namespace',
      'AIM201 gw',
    ]);
  });

  test.each([
    ['networking.istio.io v1alpha3', { ...V1, VS: 'v1alpha3', GW: 'v1alpha3', DR: 'v1alpha3' }],
    ['networking.istio.io v1beta1', { ...V1, VS: 'v1beta1', GW: 'v1beta1', DR: 'v1beta1' }],
    ['networking.istio.io mixed (VirtualService v1alpha3, Gateway v1, DestinationRule v1beta1)', { ...V1, VS: 'v1alpha3', DR: 'v1beta1' }],
    ['gateway.networking.k8s.io v1beta1', { ...V1, GWAPI: 'v1beta1', ROUTE: 'v1beta1' }],
    ['gateway.networking.k8s.io mixed (Gateway v1, HTTPRoute v1beta1)', { ...V1, ROUTE: 'v1beta1' }],
  ])('%s finds exactly what v1 finds', (_, versions) => {
    expect(essence(findingsFor(versions))).toEqual(essence(findingsFor(V1)));
  });

  test.each([
    ['security.istio.io', 'PeerAuthentication', ['v1beta1', 'v1']],
    ['security.istio.io', 'AuthorizationPolicy', ['v1beta1', 'v1']],
    ['telemetry.istio.io', 'Telemetry', ['v1alpha1', 'v1']],
    ['networking.istio.io', 'Sidecar', ['v1alpha3', 'v1beta1', 'v1']],
    ['gateway.networking.k8s.io', 'TLSRoute', ['v1alpha2', 'v1alpha3']],
    ['gateway.networking.k8s.io', 'GRPCRoute', ['v1alpha2', 'v1']],
  ])('%s %s in %j is one object: the second version is a duplicate (AIM101)', (group, kind, versions) => {
    const text = versions.map(v => `apiVersion: ${group}/${v}\nkind: ${kind}\nmetadata: { name: x, namespace: shop }\nspec: {}\n`).join('---\n');
    const findings = analyze(parseManifests(text, 'dup.yaml')).filter(f => f.code === 'AIM101');
    expect(findings).toHaveLength(versions.length - 1);
    expect(findings[0].object).toEqual({ apiVersion: `${group}/${versions[1]}`, kind, namespace: 'shop', name: 'x' });
  });
});

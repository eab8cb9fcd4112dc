import { Severity, UpstreamLocation } from '../../../src/analysis';
import { check, GWAPI, ISTIO, obj } from '../helpers';

const SEC = 'security.istio.io/v1';

describe('UpstreamLocation (AIM120)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: the AKS names throughout
    const objects = [
      obj(SEC, 'AuthorizationPolicy', 'shop', 'from-ingress', {
        selector: { matchLabels: { app: 'web' } },
        rules: [{ from: [{ source: { principals: ['cluster.local/ns/aks-istio-ingress/sa/aks-istio-ingressgateway-external'], namespaces: ['aks-istio-ingress'] } }] }],
      }),
      obj(ISTIO, 'Sidecar', 'shop', 'default', { egress: [{ hosts: ['./*', 'aks-istio-system/*'] }] }),
      obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: ['web'], http: [{ route: [{ destination: { host: 'web' } }] }] }),
    ];
    // WHEN
    const findings = check(UpstreamLocation, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN: the upstream ingress gateway's identity
    const objects = [obj(SEC, 'AuthorizationPolicy', 'shop', 'from-ingress', {
      rules: [{ from: [{ source: { principals: ['cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account'] } }] }],
    })];
    // WHEN
    const findings = check(UpstreamLocation, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      code: 'AIM120', severity: Severity.ERROR, istioCode: 'IST0101',
      message: 'AuthorizationPolicy shop/from-ingress rules[0].from[0].source.principals[0] "cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account" '
        + 'names the upstream ingress gateway; on AKS use cluster.local/ns/aks-istio-ingress/sa/aks-istio-ingressgateway-external (or -internal)',
    });
    expect(findings).toMatchSnapshot();
  });

  test('finds istio-system in namespaces, conditions, selectors, routes and sidecars', () => {
    // GIVEN
    const objects = [
      obj(SEC, 'AuthorizationPolicy', 'shop', 'ap', {
        rules: [{ from: [{ source: { namespaces: ['istio-system'] } }], when: [{ key: 'source.principal', values: ['cluster.local/ns/istio-system/sa/istiod'] }] }],
      }),
      obj(SEC, 'RequestAuthentication', 'istio-system', 'gw-jwt', { selector: { matchLabels: { istio: 'ingressgateway' } }, jwtRules: [{ issuer: 'x' }] }),
      obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: ['web'], gateways: ['istio-system/public'], http: [{ route: [{ destination: { host: 'istio-ingressgateway.istio-system.svc.cluster.local' } }] }] }),
      obj(ISTIO, 'Sidecar', 'shop', 'default', { egress: [{ hosts: ['istio-system/*'] }] }),
      obj(GWAPI, 'HTTPRoute', 'shop', 'route', { parentRefs: [{ name: 'gw', namespace: 'istio-system' }] }),
    ];
    // WHEN
    const fields = check(UpstreamLocation, objects).map(f => `${f.object.name}: ${f.message.split(' names ')[0].split(' ').slice(2).join(' ')}`);
    // THEN
    expect(fields).toEqual([
      'ap: rules[0].from[0].source.namespaces[0] "istio-system"',
      'ap: rules[0].when[0] (source.principal) "cluster.local/ns/istio-system/sa/istiod"',
      'gw-jwt: is in namespace "istio-system"',
      'gw-jwt: selector {"istio":"ingressgateway"}',
      'vs: gateways[0] "istio-system/public"',
      'vs: http[0].route[0].destination.host "istio-ingressgateway.istio-system.svc.cluster.local"',
      'default: egress[0].hosts[0] "istio-system/*"',
      'route: parentRefs[0].namespace "istio-system"',
    ]);
  });

  test('an upstream account name in aks-istio-ingress is only a warning (the name may be a deliberate override)', () => {
    // GIVEN
    const objects = [obj(SEC, 'AuthorizationPolicy', 'shop', 'ap', { rules: [{ from: [{ source: { principals: ['cluster.local/ns/aks-istio-ingress/sa/istio-ingressgateway'] } }] }] })];
    // WHEN
    const findings = check(UpstreamLocation, objects);
    // THEN
    expect(findings.map(f => f.severity)).toEqual([Severity.WARNING]);
    expect(findings[0].message).toContain('the AKS managed gateways run as aks-istio-ingressgateway-external / aks-istio-ingressgateway-internal');
  });

  test('flags an Istio Gateway on the upstream gateway labels, but not names the set itself defines', () => {
    // GIVEN: a self-managed gateway deployment with the upstream labels, its service account, and namespace istio-system
    const selfManaged = [
      obj('v1', 'Namespace', undefined, 'istio-system'),
      obj('v1', 'ServiceAccount', 'istio-system', 'istio-ingressgateway'),
      obj('apps/v1', 'Deployment', 'istio-system', 'istio-ingressgateway', { template: { metadata: { labels: { istio: 'ingressgateway', app: 'istio-ingressgateway' } } } }),
    ];
    const references = [
      obj(ISTIO, 'Gateway', 'shop', 'gw', { selector: { istio: 'ingressgateway' }, servers: [] }),
      obj(SEC, 'AuthorizationPolicy', 'shop', 'ap', { rules: [{ from: [{ source: { principals: ['cluster.local/ns/istio-system/sa/istio-ingressgateway'], namespaces: ['istio-system'] } }] }] }),
    ];
    // WHEN
    const alone = check(UpstreamLocation, references);
    const withDefinitions = check(UpstreamLocation, [...selfManaged, ...references]);
    // THEN
    expect(alone.map(f => f.message.split(' names ')[0])).toEqual([
      'AuthorizationPolicy shop/ap rules[0].from[0].source.principals[0] "cluster.local/ns/istio-system/sa/istio-ingressgateway"',
      'AuthorizationPolicy shop/ap rules[0].from[0].source.namespaces[0] "istio-system"',
      'Gateway shop/gw selector {"istio":"ingressgateway"}',
    ]);
    expect(alone[2].message).toContain('on AKS select istio: aks-istio-ingressgateway-external (or -internal), in namespace aks-istio-ingress');
    expect(withDefinitions).toEqual([]);
  });
});

import { Testing } from 'cdk8s';
import {
  AuthorizationAction, AuthorizationPolicy, ExtensionProvider, PolicyTargetRef, RequestCondition, RequestOperation, RequestSource,
  SharedMeshConfig,
} from '../../../src/k8s';
import { CrdSchemaValidator, crdSchemasAvailable, formatErrors } from '../../support/crd-schema';
import { testChart } from '../../support/mesh-chart';

describe('AuthorizationPolicy', () => {
  test('renders typed sources, operations and conditions', () => {
    // GIVEN
    const chart = testChart(undefined, 'bookinfo');
    // WHEN
    const ap = new AuthorizationPolicy(chart, 'ap', {
      metadata: { name: 'productpage' },
      selector: { app: 'productpage' },
      rules: [{
        from: [RequestSource.serviceAccount('aks-istio-ingress', 'aks-istio-ingressgateway-external'), RequestSource.namespaces('shop')],
        to: [RequestOperation.matching({ methods: ['GET'], paths: ['/productpage', '/static/*'], ports: [9080] })],
        when: [RequestCondition.of('request.headers[x-tenant]', ['blue'])],
      }],
    });
    ap.addRule({ from: [RequestSource.ipBlocks('10.0.0.0/16', '203.0.113.7'), RequestSource.anyRequestPrincipal()] });
    // THEN
    const [obj] = Testing.synth(chart);
    expect(obj).toMatchSnapshot();
    expect(obj.metadata).toEqual({ name: 'productpage', namespace: 'bookinfo' });
    expect(obj.spec).toEqual({
      action: 'ALLOW',
      selector: { matchLabels: { app: 'productpage' } },
      rules: [
        {
          from: [
            { source: { principals: ['cluster.local/ns/aks-istio-ingress/sa/aks-istio-ingressgateway-external'] } },
            { source: { namespaces: ['shop'] } },
          ],
          to: [{ operation: { methods: ['GET'], paths: ['/productpage', '/static/*'], ports: ['9080'] } }],
          when: [{ key: 'request.headers[x-tenant]', values: ['blue'] }],
        },
        { from: [{ source: { ipBlocks: ['10.0.0.0/16', '203.0.113.7'] } }, { source: { requestPrincipals: ['*'] } }] },
      ],
    });
    expect(ap.rules).toHaveLength(2);
  });

  test('an ALLOW policy without rules is the allow-nothing policy; targetRefs render as a list', () => {
    // GIVEN
    const chart = testChart(undefined, 'shop');
    // WHEN
    new AuthorizationPolicy(chart, 'nothing', { metadata: { name: 'allow-nothing' } });
    new AuthorizationPolicy(chart, 'gw', { targetRefs: [PolicyTargetRef.gateway('shop-gateway')], action: AuthorizationAction.DENY, rules: [{ to: [RequestOperation.paths('/admin/*')] }] });
    // THEN
    const [nothing, gw] = Testing.synth(chart);
    expect(nothing.spec).toEqual({ action: 'ALLOW' });
    expect(gw.spec).toEqual({
      action: 'DENY',
      targetRefs: [{ group: 'gateway.networking.k8s.io', kind: 'Gateway', name: 'shop-gateway' }],
      rules: [{ to: [{ operation: { paths: ['/admin/*'] } }] }],
    });
  });

  test('CUSTOM names the provider the shared MeshConfig declares', () => {
    // GIVEN
    const chart = testChart(undefined, 'shop');
    const meshConfig = new SharedMeshConfig(chart, 'mesh', {
      extensionProviders: [ExtensionProvider.envoyExtAuthzHttp('ext-authz', { service: 'ext-authz.auth.svc.cluster.local', port: 8000, includeRequestHeadersInCheck: ['x-ext-authz'] })],
    });
    // WHEN
    new AuthorizationPolicy(chart, 'custom', { action: AuthorizationAction.custom('ext-authz', meshConfig), rules: [{ to: [RequestOperation.paths('/headers')] }] });
    new AuthorizationPolicy(chart, 'found', { action: AuthorizationAction.custom('ext-authz'), rules: [{}] });
    // THEN
    const objects = Testing.synth(chart);
    const policies = objects.filter(o => o.kind === 'AuthorizationPolicy');
    expect(policies.map(p => [p.spec.action, p.spec.provider])).toEqual([['CUSTOM', { name: 'ext-authz' }], ['CUSTOM', { name: 'ext-authz' }]]);
    expect(policies[1].spec.rules).toEqual([{}]);
    expect(objects[0].data.mesh).toContain('envoyExtAuthzHttp:\n      service: ext-authz.auth.svc.cluster.local\n      port: 8000');
    expect(meshConfig.extensionProviderNames).toEqual(['ext-authz']);
  });

  test('fails when CUSTOM names a provider the shared MeshConfig does not declare', () => {
    // GIVEN
    const chart = testChart(undefined, 'shop');
    new SharedMeshConfig(chart, 'mesh', {});
    // WHEN
    new AuthorizationPolicy(chart, 'custom', { action: AuthorizationAction.custom('opa'), rules: [{}] });
    // THEN
    expect(() => Testing.synth(chart)).toThrow(/\[test\/custom\].*'action' is CUSTOM with provider "opa", but the shared MeshConfig declares no extension providers.*ExtensionProvider\.envoyExtAuthzHttp\('opa'/s);
  });

  test('fails when CUSTOM has no SharedMeshConfig at all', () => {
    const chart = testChart(undefined, 'shop');
    new AuthorizationPolicy(chart, 'custom', { action: AuthorizationAction.custom('opa'), rules: [{}] });
    expect(() => Testing.synth(chart)).toThrow(/the app has no SharedMeshConfig/);
  });

  test('fails when a DENY policy has no rules', () => {
    const chart = testChart(undefined, 'shop');
    new AuthorizationPolicy(chart, 'deny', { action: AuthorizationAction.DENY });
    expect(() => Testing.synth(chart)).toThrow(/\[test\/deny\].*'rules' is empty: a DENY policy without rules matches no request/s);
  });

  test.each([
    ['a principal without the ns/sa form', { from: [RequestSource.principals('bookinfo/productpage')] }, /'rules\[0\]\.from\[0\]\.source\.principals\[0\]' "bookinfo\/productpage" is not a principal of the form '<trust domain>\/ns\/<namespace>\/sa\/<service account>'/],
    ['a principal with spiffe://', { from: [RequestSource.principals('spiffe://cluster.local/ns/a/sa/b')] }, /without 'spiffe:\/\/'; use "cluster\.local\/ns\/a\/sa\/b"/],
    ['an empty from list', { from: [] }, /'rules\[0\]\.from' is an empty list/],
    ['a bad CIDR', { from: [RequestSource.ipBlocks('10.0.0.0/33')] }, /"10\.0\.0\.0\/33" is not an IP address or CIDR block/],
    ['a lower-case method', { to: [RequestOperation.methods('get')] }, /"get" is not an HTTP method/],
    ['a path without a slash', { to: [RequestOperation.paths('api')] }, /"api" is not a path/],
    ['a port out of range', { to: [RequestOperation.ports(70000)] }, /'rules\[0\]\.to\[0\]\.operation\.ports\[0\]' must be a port number/],
    ['an unknown condition key', { when: [RequestCondition.of('request.header[x]', ['a'])] }, /"request\.header\[x\]" is not an Istio authorization attribute/],
    ['a replaced condition key', { when: [RequestCondition.of('destination.labels[app]', ['a'])] }, /use the policy's workload selector instead/],
    ['a request principal without issuer', { from: [RequestSource.requestPrincipals('alice')] }, /"alice" is not a request principal/],
    ['an empty source', { from: [RequestSource.matching({})] }, /has no field set, so it would match every source/],
    ['a condition without values', { when: [RequestCondition.of('source.ip', [])] }, /has neither values nor notValues/],
    ['a condition IP that is no address', { when: [RequestCondition.of('source.ip', ['10.0.0.300'])] }, /"10\.0\.0\.300" is not an IP address or CIDR block/],
    ['a condition port that is no number', { when: [RequestCondition.of('destination.port', ['http'])] }, /"http" is not a port number/],
    ['a bracketed key without a name', { when: [RequestCondition.of('request.auth.claims[]', ['x'])] }, /needs a name in brackets, for example 'request\.auth\.claims\[iss\]'/],
  ])('fails with %s', (_name, rule, message) => {
    // GIVEN
    const chart = testChart(undefined, 'shop');
    // WHEN / THEN
    expect(() => new AuthorizationPolicy(chart, 'ap', { rules: [rule] })).toThrow(message);
    expect(() => new AuthorizationPolicy(chart, 'ap2', { rules: [rule] })).toThrow(/^\[test\/ap2\] /);
  });

  test('fails when both selector and targetRefs are set', () => {
    const chart = testChart(undefined, 'shop');
    expect(() => new AuthorizationPolicy(chart, 'ap', { selector: { app: 'web' }, targetRefs: [PolicyTargetRef.service('web')] }))
      .toThrow(`[test/ap] both 'selector' ({"app":"web"}) and 'targetRefs' (Service 'web') are set; Istio accepts only one`);
  });

  test('fails on a wildcard selector', () => {
    const chart = testChart(undefined, 'shop');
    expect(() => new AuthorizationPolicy(chart, 'ap', { selector: { app: 'web-*' } })).toThrow(/'selector\.app' "web-\*" is not a Kubernetes label value/);
  });

  (crdSchemasAvailable() ? test : test.skip)('every form is valid against the Istio CRD, CEL rules included', () => {
    // GIVEN
    const chart = testChart(undefined, 'shop');
    new SharedMeshConfig(chart, 'mesh', { extensionProviders: [ExtensionProvider.envoyExtAuthzGrpc('grpc-authz', { service: 'authz.auth.svc.cluster.local', port: 9000 })] });
    new AuthorizationPolicy(chart, 'a', { rules: [{ from: [RequestSource.matching({ principals: ['cluster.local/ns/a/sa/b'], notNamespaces: ['c'], remoteIpBlocks: ['1.2.3.4'] })], to: [RequestOperation.matching({ hosts: ['*.example.com'], notPorts: [8080] })], when: [RequestCondition.not('request.auth.claims[groups]', ['guests'])] }] });
    new AuthorizationPolicy(chart, 'b', { targetRefs: [PolicyTargetRef.serviceEntry('api')], action: AuthorizationAction.AUDIT, rules: [{}] });
    new AuthorizationPolicy(chart, 'c', { selector: { app: 'x' }, action: AuthorizationAction.custom('grpc-authz'), rules: [{ to: [RequestOperation.paths('/x')] }] });
    // WHEN
    const errors = CrdSchemaValidator.load().validateAll(Testing.synth(chart));
    // THEN
    expect(formatErrors(errors)).toEqual('');
  });
});

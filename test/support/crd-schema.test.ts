import { CrdSchemaValidator, describeIfSchemas, formatErrors, SchemaError } from './crd-schema';

function virtualService(spec: Record<string, unknown>): Record<string, unknown> {
  return { apiVersion: 'networking.istio.io/v1', kind: 'VirtualService', metadata: { name: 'httpbin', namespace: 'httpbin' }, spec };
}

function httpRoute(path: Record<string, unknown>): Record<string, unknown> {
  return {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'HTTPRoute',
    metadata: { name: 'httpbin', namespace: 'httpbin' },
    spec: {
      parentRefs: [{ name: 'gw', namespace: 'aks-istio-ingress' }],
      rules: [{ matches: [{ path }], backendRefs: [{ name: 'httpbin', port: 8000 }] }],
    },
  };
}

const VALID_HTTP = [{
  match: [{ uri: { prefix: '/status' } }],
  route: [{ destination: { host: 'httpbin.httpbin.svc.cluster.local', port: { number: 8000 } } }],
  timeout: '5s',
}];

describeIfSchemas('CrdSchemaValidator', () => {
  let validator: CrdSchemaValidator;
  beforeAll(() => {
    validator = CrdSchemaValidator.load();
  });

  function errorsOf(manifest: unknown): SchemaError[] {
    return validator.validate(manifest);
  }

  test('passes a valid Istio VirtualService', () => {
    // GIVEN
    const vs = virtualService({ hosts: ['httpbin.example.com'], gateways: ['aks-istio-ingress/gw'], http: VALID_HTTP });
    // WHEN
    const errors = errorsOf(vs);
    // THEN
    expect(formatErrors(errors)).toEqual('');
  });

  test('passes a valid Gateway API HTTPRoute, Gateway and core Namespace', () => {
    // GIVEN
    const gateway = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'aks-istio-ingress' },
      spec: {
        gatewayClassName: 'istio',
        listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { certificateRefs: [{ name: 'cert' }] } }],
      },
    };
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'httpbin', labels: { 'istio.io/rev': 'asm-1-30' } } };
    // WHEN
    const errors = validator.validateAll([httpRoute({ type: 'PathPrefix', value: '/status' }), gateway, namespace]);
    // THEN
    expect(formatErrors(errors)).toEqual('');
  });

  test('fails when a VirtualService has an unknown field', () => {
    // GIVEN
    const vs = virtualService({ hosts: ['httpbin.example.com'], http: [{ ...VALID_HTTP[0], retryPolicy: { attempts: 3 } }] });
    // WHEN
    const errors = errorsOf(vs);
    // THEN
    expect(errors).toEqual([{ object: 'VirtualService httpbin/httpbin', path: 'spec.http[0]', message: 'unknown field "retryPolicy"' }]);
  });

  test('fails when a required field is missing', () => {
    // GIVEN: an HTTPRoute backendRef needs a name
    const route = httpRoute({ type: 'PathPrefix', value: '/' });
    const spec = route.spec as { rules: Array<{ backendRefs: Array<Record<string, unknown>> }> };
    spec.rules[0].backendRefs = [{ port: 8000 }];
    // WHEN
    const errors = errorsOf(route);
    // THEN
    expect(errors).toContainEqual({ object: 'HTTPRoute httpbin/httpbin', path: 'spec.rules[0].backendRefs[0]', message: 'must have required property \'name\'' });
  });

  test('fails when a value has the wrong type, and skips CEL for it', () => {
    // GIVEN
    const vs = virtualService({ hosts: 'httpbin.example.com' });
    // WHEN
    const errors = errorsOf(vs);
    // THEN
    expect(errors).toEqual([{ object: 'VirtualService httpbin/httpbin', path: 'spec.hosts', message: 'must be array' }]);
  });

  test('fails when an HTTPRoute path does not start with "/" (Gateway API CEL rule)', () => {
    // GIVEN
    const route = httpRoute({ type: 'PathPrefix', value: 'status' });
    // WHEN
    const errors = errorsOf(route);
    // THEN
    expect(errors).toContainEqual({ object: 'HTTPRoute httpbin/httpbin', path: 'spec.rules[0].matches[0].path', message: 'value must be an absolute path and start with \'/\' when type one of [\'Exact\', \'PathPrefix\']' });
  });

  test('fails when an HTTPS listener uses tls mode Passthrough (Gateway API CEL rule)', () => {
    // GIVEN
    const gateway = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'aks-istio-ingress' },
      spec: {
        gatewayClassName: 'istio',
        listeners: [{ name: 'https', port: 443, protocol: 'HTTPS', tls: { mode: 'Passthrough', certificateRefs: [{ name: 'cert' }] } }],
      },
    };
    // WHEN
    const errors = errorsOf(gateway);
    // THEN
    expect(errors).toEqual([{ object: 'Gateway aks-istio-ingress/gw', path: 'spec.listeners', message: 'tls mode must be Terminate for protocol HTTPS' }]);
  });

  test('applies schema defaults before CEL (HTTPRoute matches default to PathPrefix "/")', () => {
    // GIVEN: a rule with a ReplacePrefixMatch rewrite needs a PathPrefix match, which only the default provides
    const route = httpRoute({ type: 'PathPrefix', value: '/' });
    const spec = route.spec as { rules: Array<Record<string, unknown>> };
    delete spec.rules[0].matches;
    spec.rules[0].filters = [{ type: 'URLRewrite', urlRewrite: { path: { type: 'ReplacePrefixMatch', replacePrefixMatch: '/v2' } } }];
    // WHEN
    const errors = errorsOf(route);
    // THEN
    expect(formatErrors(errors)).toEqual('');
  });

  test('fails when a VirtualService timeout is below 1ms (Istio CEL rule)', () => {
    // GIVEN
    const vs = virtualService({ hosts: ['httpbin.example.com'], http: [{ ...VALID_HTTP[0], timeout: '500us' }] });
    // WHEN
    const errors = errorsOf(vs);
    // THEN
    expect(errors).toEqual([{ object: 'VirtualService httpbin/httpbin', path: 'spec.http[0].timeout', message: 'must be a valid duration greater than 1ms' }]);
  });

  test('fails, naming the rule, when a CEL rule cannot be evaluated (not a duration)', () => {
    // GIVEN
    const vs = virtualService({ hosts: ['httpbin.example.com'], http: [{ ...VALID_HTTP[0], timeout: 'soon' }] });
    // WHEN
    const errors = errorsOf(vs);
    // THEN
    expect(errors).toEqual([{
      object: 'VirtualService httpbin/httpbin',
      path: 'spec.http[0].timeout',
      message: expect.stringMatching(/^could not evaluate CEL rule "duration\(self\) >= duration\('1ms'\)": /),
    }]);
  });

  test('fails when an Istio Gateway server sets both credentialName and credentialNames (Istio CEL rule)', () => {
    // GIVEN
    const gateway = {
      apiVersion: 'networking.istio.io/v1',
      kind: 'Gateway',
      metadata: { name: 'gw', namespace: 'aks-istio-ingress' },
      spec: {
        selector: { istio: 'aks-istio-ingressgateway-external' },
        servers: [{
          hosts: ['*'],
          port: { number: 443, name: 'https', protocol: 'HTTPS' },
          tls: { mode: 'SIMPLE', credentialName: 'a', credentialNames: ['b'] },
        }],
      },
    };
    // WHEN
    const errors = errorsOf(gateway);
    // THEN
    expect(errors).toEqual([{ object: 'Gateway aks-istio-ingress/gw', path: 'spec.servers[0].tls', message: 'only one of credentialName or credentialNames can be set' }]);
  });

  test('evaluates RE2 flag groups in matches() (GRPCRoute service match uses (?i))', () => {
    // GIVEN
    const grpcRoute = (service: string): Record<string, unknown> => ({
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GRPCRoute',
      metadata: { name: 'grpc', namespace: 'app' },
      spec: { rules: [{ matches: [{ method: { type: 'Exact', service } }] }] },
    });
    // WHEN
    const valid = errorsOf(grpcRoute('Foo.Bar'));
    const invalid = errorsOf(grpcRoute('foo/bar'));
    // THEN
    expect(formatErrors(valid)).toEqual('');
    expect(invalid).toEqual([{ object: 'GRPCRoute app/grpc', path: 'spec.rules[0].matches[0].method', message: 'service must only contain valid characters (matching ^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$)' }]);
  });

  test('evaluates the Kubernetes url library (Istio WasmPlugin url)', () => {
    // GIVEN
    const wasm = (url: string): Record<string, unknown> => ({
      apiVersion: 'extensions.istio.io/v1alpha1',
      kind: 'WasmPlugin',
      metadata: { name: 'w', namespace: 'app' },
      spec: { url },
    });
    // WHEN
    const valid = [errorsOf(wasm('oci://registry/plugin:1')), errorsOf(wasm('registry.example.com/plugin')), errorsOf(wasm('/plugins/a.wasm'))];
    const invalid = errorsOf(wasm('ftp://example.com/plugin.wasm'));
    // THEN
    expect(valid.map(formatErrors)).toEqual(['', '', '']);
    expect(invalid).toEqual([{ object: 'WasmPlugin app/w', path: 'spec.url', message: expect.stringContaining('url must have schema') }]);
  });

  test('fails when a core Namespace has an unknown field', () => {
    // GIVEN
    const namespace = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'httpbin' }, spec: { finalizers: ['kubernetes'], owner: 'me' } };
    // WHEN
    const errors = errorsOf(namespace);
    // THEN
    expect(errors).toEqual([{ object: 'Namespace httpbin', path: 'spec', message: 'unknown field "owner"' }]);
  });

  test('fails when the apiVersion is not served by the CRDs of its group', () => {
    // GIVEN
    const vs = { ...virtualService({ hosts: ['a'] }), apiVersion: 'networking.istio.io/v2' };
    // WHEN
    const errors = errorsOf(vs);
    // THEN
    expect(errors).toEqual([{ object: 'VirtualService httpbin/httpbin', path: '', message: 'the networking.istio.io CRDs do not serve networking.istio.io/v2 VirtualService' }]);
  });

  test('fails when no schema is known at all', () => {
    // WHEN
    const errors = errorsOf({ apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } });
    // THEN
    expect(errors).toEqual([{ object: 'Widget w', path: '', message: 'no schema known for example.com/v1 Widget' }]);
  });
});

import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { analyze, errorsOf, warningsOf } from '../../src/analysis';
import { MeshApp } from '../../src/k8s';
import { addMeshSecurityCharts, SAMPLE_JWKS_URI, SAMPLE_JWT_ISSUER } from '../../examples/mesh-security';
import { exampleProfile } from '../../examples/profile';
import { CRD_FILES, CrdSchemaValidator, crdSchemasAvailable, crdsDir, formatErrors, k8sDefinitionsFile } from '../support/crd-schema';
import { findObject, Manifest } from '../support/mesh-chart';

function synthSecurityCharts(): Map<string, Manifest[]> {
  const app = new MeshApp({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'aim-security-')) });
  addMeshSecurityCharts(app, exampleProfile);
  return new Map(app.charts.map(c => [c.node.id, c.toJson() as Manifest[]]));
}

/** A CRD directory where the Istio bundle of `istioVersion` stands in for the pinned one. */
function crdDirFor(istioVersion: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `aim-crds-${istioVersion}-`));
  for (const file of CRD_FILES) {
    const source = file.startsWith('istio-') ? `istio-${istioVersion}-crds.yaml` : file;
    fs.copyFileSync(path.join(crdsDir(), source), path.join(dir, file));
  }
  return dir;
}

describe('mesh security examples', () => {
  const charts = synthSecurityCharts();
  const all = [...charts.values()].flat();

  test('mesh-wide STRICT mTLS lives in the AKS root namespace', () => {
    expect(charts.get('mesh-security-mtls')).toEqual([{
      apiVersion: 'security.istio.io/v1', kind: 'PeerAuthentication',
      metadata: { name: 'default', namespace: 'aks-istio-system' }, spec: { mtls: { mode: 'STRICT' } },
    }]);
  });

  test('zero-trust: allow-nothing, then GET and HEAD from the external managed gateway only', () => {
    const objs = charts.get('mesh-security-zero-trust') ?? [];
    expect(findObject(objs, 'AuthorizationPolicy', 'allow-nothing').spec).toEqual({ action: 'ALLOW' });
    expect(findObject(objs, 'AuthorizationPolicy', 'allow-from-ingress-external').spec).toEqual({
      action: 'ALLOW',
      selector: { matchLabels: { app: 'httpbin' } },
      rules: [{
        from: [{ source: { principals: ['cluster.local/ns/aks-istio-ingress/sa/aks-istio-ingressgateway-external'] } }],
        to: [{ operation: { methods: ['GET', 'HEAD'] } }],
      }],
    });
    expect(findObject(objs, 'Gateway', 'zero-trust-gateway').spec).toMatchObject({ selector: { istio: 'aks-istio-ingressgateway-external' } });
  });

  test('jwt: /headers needs a token of the sample issuer', () => {
    const objs = charts.get('mesh-security-jwt') ?? [];
    expect(findObject(objs, 'RequestAuthentication', 'httpbin-jwt').spec).toEqual({
      selector: { matchLabels: { app: 'httpbin' } },
      jwtRules: [{ issuer: SAMPLE_JWT_ISSUER, jwks_uri: SAMPLE_JWKS_URI }],
    });
    expect(findObject(objs, 'AuthorizationPolicy', 'httpbin-jwt-deny-without-token').spec).toEqual({
      action: 'DENY',
      selector: { matchLabels: { app: 'httpbin' } },
      rules: [{ from: [{ source: { notRequestPrincipals: ['*'] } }], to: [{ operation: { paths: ['/headers'] } }] }],
    });
  });

  test('the analysis finds no errors and no security warnings', () => {
    const findings = analyze(all.map(object => ({ object })), { profile: exampleProfile });
    expect(errorsOf(findings)).toEqual([]);
    expect(warningsOf(findings).map(f => f.code)).toEqual([]);
  });

  (crdSchemasAvailable() ? test.each(['1.28', '1.30']) : test.skip.each(['1.28', '1.30']))('every object is valid against the Istio %s CRDs (CEL included)', version => {
    const dir = crdDirFor(version);
    try {
      const errors = new CrdSchemaValidator(dir, k8sDefinitionsFile()).validateAll(all);
      expect(formatErrors(errors)).toEqual('');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

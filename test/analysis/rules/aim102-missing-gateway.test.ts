import { analyze, MissingGateway, Severity } from '../../../src/analysis';
import { check, GWAPI, ISTIO, externalGateway, obj } from '../helpers';

describe('MissingGateway (AIM102)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [externalGateway('gw', 'shop', [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*'] }]), obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: ['a'], gateways: ['gw', 'shop/gw', 'mesh'] })];
    // WHEN
    const findings = check(MissingGateway, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: ['a'], gateways: ['other/gw'] })];
    // WHEN
    const findings = check(MissingGateway, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM102', severity: Severity.ERROR, message: 'VirtualService shop/vs lists gateway "other/gw", but there is no Istio Gateway other/gw', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });

  test('is quiet on a gateway declared as defined elsewhere', () => {
    const objects = [obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: ['a'], gateways: ['other/gw'] })];
    const findings = analyze(objects.map(object => ({ object })), {
      rules: [MissingGateway],
      externalObjects: [{ group: 'networking.istio.io', kind: 'Gateway', namespace: 'other', name: 'gw' }],
    });
    expect(findings).toEqual([]);
  });

  test('accepts a Gateway API Gateway named in gateways, as istioctl analyze does', () => {
    // GIVEN
    const objects = [obj(GWAPI, 'Gateway', 'default', 'my-gateway', { listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostname: 'example.com' }] }), obj(ISTIO, 'VirtualService', 'default', 'vs', { hosts: ['example.com'], gateways: ['default/my-gateway'] })];
    // WHEN / THEN
    expect(check(MissingGateway, objects)).toEqual([]);
  });
});

import { HostNotServed, Severity } from '../../../src/analysis';
import { check, GWAPI, ISTIO, externalGateway, obj } from '../helpers';

describe('HostNotServed (AIM103)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [externalGateway('gw', 'edge', [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop/*.example.com', './admin.example.com'] }]), obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: ['www.example.com'], gateways: ['edge/gw'] })];
    // WHEN
    const findings = check(HostNotServed, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [externalGateway('gw', 'edge', [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['shop/*.example.com', './admin.example.com'] }]), obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: ['www.example.com', 'www.example.org'], gateways: ['edge/gw'] })];
    // WHEN
    const findings = check(HostNotServed, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM103', severity: Severity.ERROR, message: expect.stringContaining('host "www.example.org" is not admitted'), file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });

  test('judges each gateway of a VirtualService bound to several, and Gateway API listener hostnames', () => {
    // GIVEN: host user.api is served by gw1 only, so gw2 serves nothing of the VirtualService
    const gw = (name: string, host: string) => externalGateway(name, 'istio-system', [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: [host] }]);
    const objects = [
      gw('gw1', '*.api.example.com'), gw('gw2', '*.home.example.com'),
      obj(ISTIO, 'VirtualService', 'default', 'both', { hosts: ['user.api.example.com', 'me.home.example.com'], gateways: ['istio-system/gw1', 'istio-system/gw2'] }),
      obj(ISTIO, 'VirtualService', 'default', 'one', { hosts: ['user.api.example.com'], gateways: ['istio-system/gw1', 'istio-system/gw2'] }),
      obj(GWAPI, 'Gateway', 'default', 'k8s', { listeners: [{ name: 'http', port: 80, protocol: 'HTTP', hostname: 'example.com' }] }),
      obj(ISTIO, 'VirtualService', 'default', 'k8s-ok', { hosts: ['example.com'], gateways: ['k8s'] }),
      obj(ISTIO, 'VirtualService', 'default', 'k8s-bad', { hosts: ['wrong.example.com'], gateways: ['k8s'] }),
      obj(ISTIO, 'VirtualService', 'default', 'with-mesh', { hosts: ['user.api.example.com', 'reviews'], gateways: ['istio-system/gw1', 'mesh'] }),
    ];
    // WHEN
    const findings = check(HostNotServed, objects);
    // THEN
    expect(findings.map(f => `${f.object.name}: ${f.message.split(' (')[0]}`)).toEqual([
      'one: VirtualService default/one hosts "user.api.example.com" are all not admitted by gateway istio-system/gw2',
      'k8s-bad: VirtualService default/k8s-bad hosts "wrong.example.com" are all not admitted by gateway default/k8s',
    ]);
  });
});

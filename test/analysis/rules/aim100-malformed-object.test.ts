import { MalformedObject, Severity } from '../../../src/analysis';
import { check, GWAPI, ISTIO, obj } from '../helpers';

describe('MalformedObject (AIM100)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [
      obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: ['a'], http: [{ route: [{ destination: { host: 'a', port: { number: 80 } } }] }] }),
      obj(GWAPI, 'Gateway', 'edge', 'gw', { listeners: [{ name: 'http', port: 80, protocol: 'HTTP' }] }),
      obj('v1', 'ConfigMap', 'shop', 'cm', undefined, { data: { a: '1' } }),
      obj('example.com/v1', 'Unknown', 'shop', 'u', { hosts: 'not checked' }),
    ];
    // WHEN
    const findings = check(MalformedObject, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [
      obj(ISTIO, 'VirtualService', 'shop', 'vs', { hosts: 'a', http: [{ route: [{ destination: { host: 'a', port: { number: '80' } } }] }] }),
      obj(GWAPI, 'Gateway', 'edge', 'gw', { listeners: [{ name: 'http', port: 80.5, protocol: 'HTTP' }] }),
      obj('v1', 'ConfigMap', 'shop', 'cm', undefined, { data: { a: 1 } }),
    ];
    // WHEN
    const findings = check(MalformedObject, objects);
    // THEN
    expect(findings.map(f => f.message)).toEqual([
      'VirtualService shop/vs field spec.hosts must be a list of strings, got string "a"',
      'VirtualService shop/vs field spec.http[0].route[0].destination.port.number must be an integer, got string "80"',
      'Gateway edge/gw field spec.listeners[0].port must be an integer, got number 80.5',
      'ConfigMap shop/cm field data must be a mapping of strings to strings, got mapping {"a":1}',
    ]);
    expect(findings[0]).toMatchObject({ code: 'AIM100', severity: Severity.ERROR, file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});

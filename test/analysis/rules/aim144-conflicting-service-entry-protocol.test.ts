import { ConflictingServiceEntryProtocol, Severity } from '../../../src/analysis';
import { check, ISTIO, obj } from '../helpers';

const se = (ns: string, name: string, port: number, protocol: string, exportTo?: string[]) =>
  obj(ISTIO, 'ServiceEntry', ns, name, { hosts: ['example.com'], ports: [{ name: `p-${port}`, number: port, protocol }], resolution: 'DNS', ...(exportTo ? { exportTo } : {}) });

describe('ConflictingServiceEntryProtocol (AIM144)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN: the same protocol twice, and different protocols that never meet (exportTo .)
    const objects = [se('default', 'a', 443, 'HTTPS'), se('default', 'b', 443, 'https'), se('ns1', 'c', 8080, 'HTTP', ['.']), se('ns2', 'd', 8080, 'HTTPS', ['.'])];
    // WHEN / THEN
    expect(check(ConflictingServiceEntryProtocol, objects)).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN: an entry local to ns1 meets one exported everywhere
    const objects = [se('ns1', 'se-http', 13835, 'HTTP', ['.']), se('default', 'se-https', 13835, 'HTTPS')];
    // WHEN
    const findings = check(ConflictingServiceEntryProtocol, objects);
    // THEN
    expect(findings.map(f => f.object.name)).toEqual(['se-http', 'se-https']);
    expect(findings[0]).toMatchObject({
      code: 'AIM144', severity: Severity.WARNING, istioCode: 'IST0177', file: 'test.yaml',
      message: 'ServiceEntry ns1/se-http declares host "example.com" port 13835, which default/se-https, ns1/se-http declare with protocols HTTP, HTTPS',
    });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});

import { Testing } from 'cdk8s';
import {
  ServiceEntry, ServiceEntryLocation, ServiceEntryProtocol, ServiceEntryResolution,
} from '../../../src/k8s/istio/service-entry';
import { testChart } from '../../support/mesh-chart';

describe('ServiceEntry', () => {
  test('renders the seed HTTPS ServiceEntry', () => {
    // GIVEN
    const chart = testChart();
    // WHEN
    new ServiceEntry(chart, 'cnn', {
      metadata: { name: 'cnn' },
      hosts: ['edition.cnn.com'],
      ports: [{ number: 443, name: 'tls', protocol: ServiceEntryProtocol.TLS }],
      resolution: ServiceEntryResolution.DNS,
    });
    // THEN
    const [obj] = Testing.synth(chart);
    expect(obj).toMatchSnapshot();
    expect(obj).toMatchObject({ apiVersion: 'networking.istio.io/v1', kind: 'ServiceEntry', metadata: { name: 'cnn' } });
    expect(obj.spec).toEqual({
      hosts: ['edition.cnn.com'],
      ports: [{ number: 443, name: 'tls', protocol: 'TLS' }],
      resolution: 'DNS',
    });
  });

  test('addPort after construction, static endpoints, location and exportTo', () => {
    // GIVEN
    const chart = testChart();
    const se = new ServiceEntry(chart, 'db', {
      hosts: ['db.internal.example'],
      resolution: ServiceEntryResolution.STATIC,
      location: ServiceEntryLocation.MESH_INTERNAL,
      endpoints: [{ address: '10.1.2.3', labels: { zone: 'a' } }],
      exportTo: ['.'],
    });
    // WHEN
    se.addPort({ number: 5432, name: 'tcp-postgres', protocol: ServiceEntryProtocol.TCP, targetPort: 6432 });
    // THEN
    expect(Testing.synth(chart)[0].spec).toEqual({
      hosts: ['db.internal.example'],
      ports: [{ number: 5432, name: 'tcp-postgres', protocol: 'TCP', targetPort: 6432 }],
      location: 'MESH_INTERNAL',
      resolution: 'STATIC',
      endpoints: [{ address: '10.1.2.3', labels: { zone: 'a' } }],
      exportTo: ['.'],
    });
    expect(se.ports.map(p => p.number)).toEqual([5432]);
  });

  test('defaults resolution to NONE, as Istio does', () => {
    const chart = testChart();
    const se = new ServiceEntry(chart, 'se', { hosts: ['*.example.com'] });
    expect(se.resolution).toBe(ServiceEntryResolution.NONE);
    expect(Testing.synth(chart)[0].spec).toEqual({ hosts: ['*.example.com'], resolution: 'NONE' });
  });

  const base = { hosts: ['edition.cnn.com'], resolution: ServiceEntryResolution.DNS };

  test('fails when hosts is empty', () => {
    expect(() => new ServiceEntry(testChart(), 'se', { ...base, hosts: [] })).toThrow(/\[test\/se\] 'hosts' is empty/);
  });

  test('fails when a host is not a DNS name', () => {
    expect(() => new ServiceEntry(testChart(), 'se', { ...base, hosts: ['Edition_CNN'] })).toThrow(/'hosts\[0\]' "Edition_CNN" is not a valid host/);
  });

  test('fails when a host is *', () => {
    expect(() => new ServiceEntry(testChart(), 'se', { hosts: ['*'] })).toThrow(/'hosts\[0\]' is '\*'/);
  });

  test('fails when a wildcard host uses DNS resolution without endpoints', () => {
    expect(() => new ServiceEntry(testChart(), 'se', { ...base, hosts: ['*.cnn.com'] })).toThrow(/wildcard, which DNS resolution cannot look up/);
  });

  test('fails when a host is listed twice', () => {
    expect(() => new ServiceEntry(testChart(), 'se', { ...base, hosts: ['a.com', 'a.com'] })).toThrow(/'hosts' lists "a.com" twice/);
  });

  test('fails when two ports share a number', () => {
    const se = new ServiceEntry(testChart(), 'se', { ...base, ports: [{ number: 443, name: 'https', protocol: ServiceEntryProtocol.HTTPS }] });
    expect(() => se.addPort({ number: 443, name: 'tls', protocol: ServiceEntryProtocol.TLS }))
      .toThrow(/\[test\/se\] 'ports\[1\].number' 443 clashes with port 'https'/);
  });

  test('fails when two ports share a name', () => {
    const se = new ServiceEntry(testChart(), 'se', { ...base, ports: [{ number: 80, name: 'http', protocol: ServiceEntryProtocol.HTTP }] });
    expect(() => se.addPort({ number: 8080, name: 'http', protocol: ServiceEntryProtocol.HTTP })).toThrow(/'ports\[1\].name' 'http' is already used/);
  });

  test('fails when a port number is out of range', () => {
    expect(() => new ServiceEntry(testChart(), 'se', { ...base, ports: [{ number: 70000, name: 'http', protocol: ServiceEntryProtocol.HTTP }] }))
      .toThrow(/'ports\[0\].number' must be a port number from 1 to 65535, got 70000/);
  });

  test('fails when a target port is out of range', () => {
    expect(() => new ServiceEntry(testChart(), 'se', { ...base, ports: [{ number: 80, targetPort: 0, name: 'http', protocol: ServiceEntryProtocol.HTTP }] }))
      .toThrow(/'ports\[0\].targetPort'/);
  });

  test('fails when a port name is invalid', () => {
    expect(() => new ServiceEntry(testChart(), 'se', { ...base, ports: [{ number: 80, name: 'HTTP Port', protocol: ServiceEntryProtocol.HTTP }] }))
      .toThrow(/'ports\[0\].name' "HTTP Port" is not a valid port name/);
  });

  test('fails when a protocol is unknown', () => {
    const protocol = 'QUIC' as unknown as ServiceEntryProtocol;
    expect(() => new ServiceEntry(testChart(), 'se', { ...base, ports: [{ number: 80, name: 'quic', protocol }] }))
      .toThrow(/'ports\[0\].protocol' "QUIC" is not one of/);
  });

  test('fails when the resolution is unknown', () => {
    const resolution = 'MAGIC' as unknown as ServiceEntryResolution;
    expect(() => new ServiceEntry(testChart(), 'se', { ...base, resolution })).toThrow(/'resolution' "MAGIC" is not one of/);
  });

  test('fails when NONE resolution has endpoints', () => {
    expect(() => new ServiceEntry(testChart(), 'se', { hosts: ['a.com'], endpoints: [{ address: '1.2.3.4' }] }))
      .toThrow(/'endpoints' are set but 'resolution' is NONE/);
  });

  test('fails when STATIC resolution has no endpoints', () => {
    expect(() => new ServiceEntry(testChart(), 'se', { hosts: ['a.com'], resolution: ServiceEntryResolution.STATIC }))
      .toThrow(/'resolution' is STATIC but 'endpoints' is empty/);
  });

  test('fails when DNS_ROUND_ROBIN has several endpoints', () => {
    expect(() => new ServiceEntry(testChart(), 'se', {
      hosts: ['a.com'], resolution: ServiceEntryResolution.DNS_ROUND_ROBIN, endpoints: [{ address: 'x.a.com' }, { address: 'y.a.com' }],
    })).toThrow(/DNS_ROUND_ROBIN allows at most one endpoint, got 2/);
  });

  test('fails when a CIDR address is used with DNS resolution', () => {
    expect(() => new ServiceEntry(testChart(), 'se', { ...base, addresses: ['10.0.0.0/24'] }))
      .toThrow(/'addresses' has CIDR "10.0.0.0\/24", which Istio allows only with NONE or STATIC resolution \(got DNS\)/);
  });

  test('fails when a DNS endpoint address is neither a name nor an IP', () => {
    expect(() => new ServiceEntry(testChart(), 'se', { ...base, endpoints: [{ address: 'not a host' }] }))
      .toThrow(/'endpoints\[0\].address' "not a host" is neither a DNS name nor an IP address/);
  });

  test('fails when an endpoint port is out of range', () => {
    expect(() => new ServiceEntry(testChart(), 'se', { ...base, endpoints: [{ address: '1.2.3.4', ports: { http: 0 } }] }))
      .toThrow(/'endpoints\[0\].ports.http'/);
  });
});

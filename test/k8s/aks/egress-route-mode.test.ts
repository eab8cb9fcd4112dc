import { EgressRouteMode } from '../../../src/k8s/aks/egress-route-mode';
import { ServerProtocol, ServerTlsMode } from '../../../src/k8s/istio/server';

describe('EgressRouteMode', () => {
  test('http uses port 80 throughout, as in the AKS guide', () => {
    const { config } = EgressRouteMode.http();
    expect(config).toMatchObject({
      routeKind: 'http', meshPort: 80, gatewayPort: 80, upstreamPort: 80, serverPortName: 'http',
      serverProtocol: ServerProtocol.HTTP, originateTls: false, meshRouteWeight: 100, meshFirst: false,
    });
    expect(config.servicePorts).toEqual([{ number: 80, name: 'http', protocol: 'HTTP' }]);
  });

  test('httpsPassthrough routes TLS on 443 and passes it through', () => {
    const mode = EgressRouteMode.httpsPassthrough({ portName: 'tls-cnn' });
    expect(mode.config).toMatchObject({ routeKind: 'tls', meshPort: 443, gatewayPort: 443, upstreamPort: 443, meshFirst: true });
    expect(mode.config.serverTls?.mode).toBe(ServerTlsMode.PASSTHROUGH);
    expect(mode.config.meshRouteWeight).toBeUndefined();
    expect(mode.config.servicePorts).toEqual([{ number: 443, name: 'tls-cnn', protocol: 'TLS' }]);
  });

  test('tlsOrigination sends 80 to the gateway over ISTIO_MUTUAL and 443 to the host', () => {
    const mode = EgressRouteMode.tlsOrigination();
    expect(mode.config).toMatchObject({
      routeKind: 'http', meshPort: 80, gatewayPort: 80, upstreamPort: 443, originateTls: true,
      serverPortName: 'https-port-for-tls-origination', serverProtocol: ServerProtocol.HTTPS,
    });
    expect(mode.config.serverTls?.mode).toBe(ServerTlsMode.ISTIO_MUTUAL);
    expect(mode.config.servicePorts).toEqual([
      { number: 80, name: 'http', protocol: 'HTTP' },
      { number: 443, name: 'https', protocol: 'HTTPS' },
    ]);
    expect(mode.description).toBe('TLS origination');
  });
});

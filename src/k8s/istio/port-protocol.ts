/**
 * Protocols of an Istio port: a Gateway server's port and a ServiceEntry's port take the same values.
 * @see https://istio.io/latest/docs/reference/config/networking/gateway/#Port
 * @see https://istio.io/latest/docs/reference/config/networking/service-entry/#ServicePort
 */
export enum PortProtocol {
  HTTP = 'HTTP',
  HTTPS = 'HTTPS',
  GRPC = 'GRPC',
  HTTP2 = 'HTTP2',
  MONGO = 'MONGO',
  TCP = 'TCP',
  TLS = 'TLS',
}

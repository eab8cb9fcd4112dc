import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';

/**
 * Istio's httpbin sample (samples/httpbin/httpbin.yaml): Service `httpbin` on port 8000 in front
 * of go-httpbin on 8080.
 */
export class Httpbin extends Construct {
  public constructor(scope: Construct, id: string, namespace: string) {
    super(scope, id);
    const labels = { app: 'httpbin', version: 'v1' };
    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: { name: 'httpbin', namespace } });
    new k8s.KubeService(this, 'Service', {
      metadata: { name: 'httpbin', namespace, labels: { app: 'httpbin', service: 'httpbin' } },
      spec: { ports: [{ name: 'http', port: 8000, targetPort: k8s.IntOrString.fromNumber(8080) }], selector: { app: 'httpbin' } },
    });
    new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name: 'httpbin', namespace },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: 'httpbin',
            containers: [{
              name: 'httpbin',
              image: 'docker.io/mccutchen/go-httpbin:v2.15.0',
              imagePullPolicy: 'IfNotPresent',
              ports: [{ containerPort: 8080 }],
            }],
          },
        },
      },
    });
  }
}

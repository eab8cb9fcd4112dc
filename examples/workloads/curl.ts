import * as k8s from '../../imports/k8s';
import { Construct } from 'constructs';

/**
 * Istio's curl sample (samples/curl/curl.yaml): a client pod that sleeps, for `kubectl exec ... curl`.
 */
export class Curl extends Construct {
  public constructor(scope: Construct, id: string, namespace: string) {
    super(scope, id);
    const labels = { app: 'curl' };
    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata: { name: 'curl', namespace } });
    new k8s.KubeService(this, 'Service', {
      metadata: { name: 'curl', namespace, labels: { app: 'curl', service: 'curl' } },
      spec: { ports: [{ port: 80, name: 'http' }], selector: labels },
    });
    new k8s.KubeDeployment(this, 'Deployment', {
      metadata: { name: 'curl', namespace },
      spec: {
        replicas: 1,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            terminationGracePeriodSeconds: 0,
            serviceAccountName: 'curl',
            containers: [{
              name: 'curl',
              image: 'curlimages/curl',
              command: ['/bin/sleep', 'infinity'],
              imagePullPolicy: 'IfNotPresent',
              volumeMounts: [{ mountPath: '/etc/curl/tls', name: 'secret-volume' }],
            }],
            volumes: [{ name: 'secret-volume', secret: { secretName: 'curl-secret', optional: true } }],
          },
        },
      },
    });
  }
}

import { AppProps } from 'cdk8s';
import { MeshApp, MeshChart, MeshNamespace, VirtualService } from '../../src/k8s';
import { exampleProfile } from '../profile';

/**
 * A deliberately broken app: each construct is valid on its own, but the set is not. `cdk8s synth`
 * (and `Testing.synth`) must fail with the construct path and the rule code of each problem:
 * - AIM105: the route uses subset `v2`, which no DestinationRule defines;
 * - AIM101: two charts both define Namespace `shop`.
 */
export function buildBrokenApp(props: AppProps = {}): MeshApp {
  const app = new MeshApp(props);
  const routes = new MeshChart(app, 'broken-routes', { profile: exampleProfile, namespace: 'shop' });
  new MeshNamespace(routes, 'Namespace', { name: 'shop' });
  new VirtualService(routes, 'Reviews', {
    hosts: ['reviews'],
    http: [{ destinations: [{ host: 'reviews', port: 9080, subset: 'v2' }] }],
  });
  const other = new MeshChart(app, 'broken-namespaces', { profile: exampleProfile });
  new MeshNamespace(other, 'Namespace', { name: 'shop' });
  return app;
}

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { bookinfoTopology, graphDocs } from '../../examples/graph-docs';

const ROOT = join(__dirname, '..', '..');

describe('graph docs', () => {
  test('docs/*.svg and the README Mermaid block are what `npm run graph:docs` writes', async () => {
    // GIVEN
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    // WHEN
    const files = await graphDocs();
    // THEN: regenerate with `npm run graph:docs` when the picture changes on purpose
    expect(Object.keys(files).sort()).toEqual(['README.md', 'docs/bookinfo.svg', 'docs/examples.svg']);
    for (const [path, text] of Object.entries(files)) {
      expect({ path, text: readFileSync(join(ROOT, path), 'utf8') }).toEqual({ path, text });
    }
  });

  test('the bookinfo picture shows both managed gateways, their Gateways, the hosts, the VirtualServices and productpage', () => {
    // GIVEN
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    // WHEN
    const topology = bookinfoTopology();
    const svg = readFileSync(join(ROOT, 'docs', 'bookinfo.svg'), 'utf8');
    // THEN
    expect(topology.nodes.map(n => n.id)).toEqual([
      'host:istio-gateway:bookinfo/bookinfo-gateway-external|*',
      'host:istio-gateway:bookinfo/bookinfo-internal-gateway|*',
      'istio-gateway:bookinfo/bookinfo-gateway-external',
      'istio-gateway:bookinfo/bookinfo-internal-gateway',
      'managed-ingress:external',
      'managed-ingress:internal',
      'route:VirtualService:bookinfo/bookinfo-vs-external@bookinfo/bookinfo-gateway-external',
      'route:VirtualService:bookinfo/bookinfo-vs-internal@bookinfo/bookinfo-internal-gateway',
      'service:bookinfo/productpage',
    ]);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.documentElement?.nodeName).toBe('svg');
    const texts = Array.from(doc.getElementsByTagName('text')).map(t => t.textContent ?? '');
    expect(texts).toEqual(expect.arrayContaining(['Service bookinfo/productpage', 'warning AIM202', 'exact /productpage']));
  });
});

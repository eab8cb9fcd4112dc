import { DOMParser } from '@xmldom/xmldom';
import { Manifest } from '../../src/analysis';
import { buildTopology, renderDot, renderMermaid, renderSvg, Topology } from '../../src/graph';
import { ISTIO, obj, profile } from '../analysis/helpers';

/** A host and a gateway name built to break DOT, Mermaid, HTML, Markdown and XML if they were pasted in raw. */
const HOSTILE_HOST = 'evil"]|-->x{}[(`*_<b>&amp;#quot;\\N\\l\\"; %% end ünï 🚀';
const HOSTILE_GATEWAY = 'gw"];n0 -> n1 [label="x';

function hostileTopology(): Topology {
  const manifests: Manifest[] = [
    obj(ISTIO, 'Gateway', 'shop', HOSTILE_GATEWAY, {
      selector: { istio: 'aks-istio-ingressgateway-external' },
      servers: [{ port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: [HOSTILE_HOST] }],
    }),
    obj(ISTIO, 'VirtualService', 'shop', 'shop', {
      hosts: [HOSTILE_HOST, 'line\nbreak\u0007bell'], gateways: [HOSTILE_GATEWAY, 'missing'],
      http: [{ route: [{ destination: { host: 'cart', port: { number: 8080 } } }] }],
    }),
  ].map(object => ({ object }));
  return buildTopology(manifests, { profile });
}

/** The text of an SVG, one string per `<text>` element. */
function svgTexts(svg: string): string[] {
  const doc = new DOMParser({ onError: () => undefined }).parseFromString(svg, 'image/svg+xml');
  return Array.from(doc.getElementsByTagName('text')).map(t => t.textContent ?? '');
}

/** Undoes `mermaidText`: entity codes back to characters, `<br>` back to line breaks. */
function decodeMermaid(label: string): string {
  return label.split('<br>').map(line => line.replace(/#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))).join('\n');
}

describe('renderDot', () => {
  test('escapes quotes and backslashes so hostile names stay labels; Graphviz reads back the exact text', async () => {
    // GIVEN
    const topology = hostileTopology();
    // WHEN
    const dot = renderDot(topology);
    const svg = await renderSvg(topology);
    // THEN: one statement per node and edge, each label one well-formed quoted string
    const lines = dot.split('\n');
    expect(lines[0]).toBe('digraph topology {');
    const quoted = '"(?:[^"\\\\\\n]|\\\\.)*"';
    const statements = lines.slice(4, -2);
    expect(statements).toHaveLength(topology.nodes.length + topology.edges.length);
    for (const line of statements) {
      expect(line).toMatch(new RegExp(`^  n\\d+( -> n\\d+)?( \\[([a-z]+=(${quoted}|[a-z0-9.,]+)(, )?)+\\])?;$`));
    }
    const texts = svgTexts(svg);
    expect(texts).toContain(HOSTILE_HOST);
    expect(texts).toContain(`Istio Gateway shop/${HOSTILE_GATEWAY}`);
    // a line break in a name is a line break in the picture; a control character becomes U+FFFD
    expect(texts).toEqual(expect.arrayContaining(['line', 'break\ufffdbell']));
  });

  test('marks findings with a colored border and a tooltip, and dashes nodes not in the input', () => {
    // WHEN
    const dot = renderDot(hostileTopology());
    // THEN: the VirtualService names a missing gateway (AIM102 error)
    const route = dot.split('\n').find(l => l.includes('label="VirtualService shop/shop'));
    expect(route).toContain('color="#d00000"');
    expect(route).toContain('tooltip="AIM102 error: VirtualService shop/shop lists gateway \\"missing\\"');
    expect(route).toContain('\\nerror AIM102');
    const missing = dot.split('\n').find(l => l.includes('label="Istio Gateway shop/missing'));
    expect(missing).toContain('style="rounded,filled,dashed"');
  });
});

describe('renderMermaid', () => {
  test('escapes every special character as an entity code, so no label can break the flowchart', () => {
    // GIVEN
    const topology = hostileTopology();
    // WHEN
    const text = renderMermaid(topology);
    // THEN
    const lines = text.split('\n');
    expect(lines[0]).toBe('flowchart LR');
    const safe = '[A-Za-z0-9 .,:/=@+()#;-]*';
    const nodeLine = new RegExp(`^  n\\d+(\\(\\[|\\[\\[|\\[\\(|\\{\\{|\\[|\\()"((?:${safe}|<br>)*)"(\\]\\)|\\]\\]|\\)\\]|\\}\\}|\\]|\\))$`);
    const edgeLine = new RegExp(`^  n\\d+ (-->|-\\.->)(\\|"${safe}"\\|)? n\\d+$`);
    const labels: string[] = [];
    for (const line of lines.slice(1, 1 + topology.nodes.length)) {
      const m = nodeLine.exec(line);
      expect(m).not.toBeNull();
      labels.push(decodeMermaid(m![2]));
    }
    for (const line of lines.slice(1 + topology.nodes.length, 1 + topology.nodes.length + topology.edges.length)) {
      expect(line).toMatch(edgeLine);
    }
    // decoding the entity codes gives the names back
    expect(labels).toContain(HOSTILE_HOST);
    expect(labels).toContain(`Istio Gateway shop/${HOSTILE_GATEWAY}\nserver HTTP :80 ${HOSTILE_HOST}`);
    expect(labels).toContain('line#10;break\ufffdbell'.replace('#10;', '\n'));
  });

  test('marks findings and missing nodes with classes', () => {
    // WHEN
    const topology = hostileTopology();
    const text = renderMermaid(topology);
    // THEN
    const id = (nodeId: string) => `n${topology.nodes.findIndex(n => n.id === nodeId)}`;
    const route = id('route:VirtualService:shop/shop@shop/missing');
    expect(text).toMatch(new RegExp(`^  class (n\\d+,)*${route}(,n\\d+)* error$`, 'm'));
    expect(text).toMatch(new RegExp(`^  class (n\\d+,)*${id('istio-gateway:shop/missing')}(,n\\d+)* missing$`, 'm'));
    expect(text).toContain('  classDef error stroke:#d00000,stroke-width:3px');
  });
});

describe('renderSvg', () => {
  test('is valid XML with an svg root, the same bytes every time', async () => {
    // GIVEN
    const topology = hostileTopology();
    // WHEN
    const first = await renderSvg(topology);
    const second = await renderSvg(hostileTopology());
    // THEN
    const errors: string[] = [];
    // (U+FFFD, which stands for the control character, draws an xmldom warning: only errors count)
    const doc = new DOMParser({ onError: (level, message) => { if (level !== 'warning') errors.push(`${level}: ${message}`); } })
      .parseFromString(first, 'image/svg+xml');
    expect(errors).toEqual([]);
    expect(doc.documentElement?.nodeName).toBe('svg');
    expect(second).toBe(first);
    // the finding's tooltip is on the node
    expect(first).toMatch(/xlink:title="AIM102 error: VirtualService shop\/shop/);
  });
});

import { Duration } from 'cdk8s';
import * as fc from 'fast-check';
import { PathMatch } from '../../src/k8s/path-match';
import { ServiceBackend } from '../../src/k8s/service-backend';

/**
 * Arbitraries over the public construct props: mostly valid values, with the edges (DNS-1123 length
 * limits, wildcards, IDNs and punycode, out-of-range ports and weights, hostile strings) mixed in.
 */

const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A valid DNS-1123 label of `min` to `max` characters. */
export function dnsLabel(min = 1, max = 12): fc.Arbitrary<string> {
  return fc.tuple(
    fc.constantFrom(...LOWER),
    fc.array(fc.constantFrom(...`${LOWER}-`), { minLength: Math.max(0, min - 2), maxLength: Math.max(0, max - 2) }),
    fc.constantFrom(...LOWER),
  ).map(([a, mid, z]) => (max === 1 ? a : `${a}${mid.join('')}${z}`));
}

/** Strings that break DNS-1123 rules in one way each. */
export const BAD_NAMES: readonly string[] = [
  '', '-a', 'a-', 'A', 'a_b', 'a b', 'a.b', 'ü', 'a'.repeat(64), 'a'.repeat(254), '*', '.', 'a/b', '\u0000', '😀',
];

/** A name: usually a valid label, sometimes at the 63-character limit or past it, sometimes broken. */
export const name: fc.Arbitrary<string> = fc.oneof(
  { weight: 30, arbitrary: dnsLabel(1, 12) },
  { weight: 1, arbitrary: fc.constantFrom('a'.repeat(63), `a${'-'.repeat(61)}a`) },
  { weight: 1, arbitrary: fc.constantFrom(...BAD_NAMES) },
);

/** A DNS-1123 subdomain: labels joined by dots, sometimes near the 253-character limit. */
export const subdomain: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.array(dnsLabel(1, 8), { minLength: 1, maxLength: 3 }).map(ls => ls.join('.')) },
  { weight: 1, arbitrary: fc.constantFrom(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`, `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`) },
);

/** A concrete host name: FQDNs, punycode, and the broken forms (IDN unicode, upper case, trailing dot, spaces). */
export const concreteHost: fc.Arbitrary<string> = fc.oneof(
  { weight: 30, arbitrary: fc.tuple(fc.array(dnsLabel(1, 10), { minLength: 1, maxLength: 3 }), fc.constantFrom('com', 'example.com', 'svc.cluster.local', 'de')).map(([ls, tld]) => `${ls.join('.')}.${tld}`) },
  { weight: 1, arbitrary: fc.constantFrom('xn--bcher-kva.example', 'xn--80ak6aa92e.com', 'httpbin', `${'a'.repeat(63)}.com`) },
  { weight: 1, arbitrary: fc.constantFrom('bücher.example', 'Example.COM', 'example.com.', 'a b.com', `${'a'.repeat(64)}.com`, '', '1.2.3.4', '::1', 'a..b') },
);

/** A host that may be a wildcard: `*.domain`, `*`, or a concrete host. */
export const host: fc.Arbitrary<string> = fc.oneof(
  { weight: 12, arbitrary: concreteHost },
  { weight: 3, arbitrary: concreteHost.map(h => `*.${h}`) },
  { weight: 1, arbitrary: fc.constantFrom('*', '*example.com', 'a.*.com', 'ns/a.com') },
);

/** A port number: valid, at the edges, or out of range and non-integer. */
export const port: fc.Arbitrary<number> = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(80, 443, 8080, 15021, 9090) },
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 65535 }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 65535, 65536, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY) },
);

/** An HTTP path: ordinary, with the forms the Gateway API forbids, unicode, and over the length limit. */
export const pathString: fc.Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: fc.array(dnsLabel(1, 6), { maxLength: 3 }).map(ls => `/${ls.join('/')}`) },
  { weight: 2, arbitrary: fc.constantFrom('/', 'api', '/a//b', '/a/./b', '/a/../b', '/%2f', '/a#b', '/é', '/a b', `/${'a'.repeat(1030)}`, '/a?b=c', '/a%20b') },
  { weight: 1, arbitrary: fc.string({ maxLength: 12 }).map(s => `/${s}`) },
);

/** A path match of each type; regexes include broken ones. */
export const pathMatch: fc.Arbitrary<PathMatch> = fc.oneof(
  pathString.map(p => PathMatch.prefix(p)),
  pathString.map(p => PathMatch.exact(p)),
  fc.constantFrom('/api/.*', '^/v[0-9]+/', '(', '.*', '/[a-z]+').map(r => PathMatch.regex(r)),
);

/** A weight: 0 to 100, with edges past it. */
export const weight: fc.Arbitrary<number> = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 0, max: 100 }) },
  { weight: 1, arbitrary: fc.constantFrom(-1, 101, 50.5) },
);

/** A revision: the known ones, an unknown future one, malformed ones. */
export const revision: fc.Arbitrary<string> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('asm-1-30') },
  { weight: 1, arbitrary: fc.constantFrom('asm-1-29', 'asm-1-31', 'asm-1-3', 'asm-2-0', '1.30', '', 'ASM-1-30') },
);

/** Label keys and values for selectors: valid, prefixed, empty, too long, with wildcards. */
export const labelKey: fc.Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom('app', 'istio', 'version', 'app.kubernetes.io/name', 'team') },
  { weight: 1, arbitrary: fc.constantFrom('', 'a b', 'Ä', `${'k'.repeat(64)}`, '/x', 'bad/prefix/x', 'x/') },
);
export const labelValue: fc.Arbitrary<string> = fc.oneof(
  { weight: 20, arbitrary: dnsLabel(1, 10) },
  { weight: 1, arbitrary: fc.constantFrom('', 'v*', 'a b', 'x'.repeat(64), '-a', 'A_b.c') },
);
export const labels: fc.Arbitrary<Record<string, string>> = fc.dictionary(labelKey, labelValue, { minKeys: 0, maxKeys: 3 });
/** Labels that are mostly well formed (at least one). */
export const someLabels: fc.Arbitrary<Record<string, string>> = fc.dictionary(labelKey, labelValue, { minKeys: 1, maxKeys: 2 });

/** A timeout: ordinary, zero, sub-millisecond and huge. */
export const duration: fc.Arbitrary<Duration> = fc.oneof(
  { weight: 10, arbitrary: fc.integer({ min: 1, max: 300 }).map(s => Duration.seconds(s)) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 999 }).map(ms => Duration.millis(ms)) },
  { weight: 1, arbitrary: fc.constantFrom(Duration.millis(0), Duration.millis(1), Duration.millis(0.5), Duration.days(400), Duration.hours(100_000)) },
);

/** A Service backend with an optional namespace and weight. */
export const backend: fc.Arbitrary<ServiceBackend> = fc.record({
  name, port, namespace: fc.option(name, { nil: undefined, freq: 4 }), weight: fc.option(weight, { nil: undefined }),
}).map(b => ServiceBackend.of(b.name, b.port, { namespace: b.namespace, weight: b.weight }));

/** One to three backends; with several, weights mostly add up to 100. */
export const backends: fc.Arbitrary<ServiceBackend[]> = fc.oneof(
  backend.map(b => [b]),
  fc.tuple(name, name, port, fc.integer({ min: 0, max: 100 })).map(([a, b, p, w]) => [ServiceBackend.of(a, p, { weight: w }), ServiceBackend.of(b, p, { weight: 100 - w })]),
  fc.array(backend, { minLength: 2, maxLength: 3 }),
);

/** An HTTP method, including ones that are not. */
export const method: fc.Arbitrary<string> = fc.oneof(
  { weight: 10, arbitrary: fc.constantFrom('GET', 'POST', 'DELETE') },
  { weight: 1, arbitrary: fc.constantFrom('get', 'BREW', '') },
);

/** Header matches: names valid, upper case or with spaces. */
export const headers: fc.Arbitrary<Record<string, string>> = fc.dictionary(
  fc.oneof({ weight: 10, arbitrary: fc.constantFrom('x-user', 'end-user', 'X-Upper') }, { weight: 1, arbitrary: fc.constantFrom('bad header', ':authority', '', 'x-user\n') }),
  fc.oneof({ weight: 10, arbitrary: fc.constantFrom('jason', 'a b') }, { weight: 1, arbitrary: fc.constantFrom('', 'v'.repeat(5000)) }),
  { minKeys: 1, maxKeys: 2 },
);

/** `undefined` or a value, half the time each. */
export function maybe<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
  return fc.option(arb, { nil: undefined });
}

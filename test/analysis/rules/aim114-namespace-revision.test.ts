import { NamespaceRevision, Severity } from '../../../src/analysis';
import { check, obj, profile } from '../helpers';

describe('NamespaceRevision (AIM114)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [obj('v1', 'Namespace', undefined, 'shop', undefined, { metadata: { labels: { 'istio.io/rev': 'asm-1-30' } } })];
    // WHEN
    const findings = check(NamespaceRevision, objects, profile);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj('v1', 'Namespace', undefined, 'shop', undefined, { metadata: { labels: { 'istio.io/rev': 'asm-1-29' } } })];
    // WHEN
    const findings = check(NamespaceRevision, objects, profile);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM114', severity: Severity.ERROR, message: 'Namespace shop label istio.io/rev="asm-1-29" is not a revision of the mesh profile (asm-1-30)', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});

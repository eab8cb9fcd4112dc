import { DuplicateObject, Severity } from '../../../src/analysis';
import { check, obj } from '../helpers';

describe('DuplicateObject (AIM101)', () => {
  test('is quiet on a compliant set', () => {
    // GIVEN
    const objects = [obj('v1', 'Service', 'a', 's'), obj('v1', 'Service', 'b', 's'), obj('apps/v1', 'Deployment', 'a', 's')];
    // WHEN
    const findings = check(DuplicateObject, objects);
    // THEN
    expect(findings).toEqual([]);
  });

  test('fires on a non-compliant set', () => {
    // GIVEN
    const objects = [obj('v1', 'Service', 'a', 's'), obj('v1', 'Service', 'a', 's')];
    // WHEN
    const findings = check(DuplicateObject, objects);
    // THEN
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ code: 'AIM101', severity: Severity.ERROR, message: 'Service a/s (v1) is defined more than once', file: 'test.yaml' });
    expect(findings[0].fix).not.toEqual('');
    expect(findings).toMatchSnapshot();
  });
});

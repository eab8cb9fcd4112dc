import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze, errorsOf, parseManifests } from '../../src/analysis';
import { buildExampleApp } from '../../examples/app';
import { exampleProfile } from '../../examples/profile';

describe('examples', () => {
  test('the synthesized dist/ has no analysis errors, with and without the profile', () => {
    // GIVEN
    const outdir = mkdtempSync(join(tmpdir(), 'aim-dist-'));
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    // WHEN
    buildExampleApp({ outdir }).synth();
    const manifests = readdirSync(outdir).filter(f => f.endsWith('.yaml'))
      .flatMap(f => parseManifests(readFileSync(join(outdir, f), 'utf8'), f));
    // THEN
    expect(manifests.length).toBeGreaterThan(10);
    expect(errorsOf(analyze(manifests))).toEqual([]);
    const findings = analyze(manifests, { profile: exampleProfile });
    expect(errorsOf(findings)).toEqual([]);
    // The seeds' open external gateway stays a warning (AIM202 hosts '*', AIM203 routes from All).
    expect(findings.map(f => `${f.severity} ${f.code} ${f.object.name}`)).toEqual(expect.arrayContaining([
      'warning AIM202 bookinfo-gateway-external',
      'warning AIM203 gateway',
    ]));
  });
});

import * as fs from 'fs';
import * as path from 'path';
import { TerraformStack, Testing } from 'cdktf';
import { MeshProfile } from '../../src/mesh';
import { MeshProfileFile } from '../../src/azure';

const profile = new MeshProfile({ revisions: ['asm-1-30'], ingressGateways: { external: true } }, { now: new Date('2026-09-01') });

describe('MeshProfileFile', () => {
  test('writes the profile next to cdk.tf.json, readable by MeshProfile.fromJson', () => {
    // GIVEN
    const app = Testing.app();
    const stack = new TerraformStack(app, 'mesh');
    // WHEN
    new MeshProfileFile(stack, 'Profile', { profile });
    app.synth();
    // THEN
    const dir = path.join(app.outdir, 'stacks', 'mesh');
    expect(fs.existsSync(path.join(dir, 'cdk.tf.json'))).toBe(true);
    const json: unknown = JSON.parse(fs.readFileSync(path.join(dir, 'mesh-profile.json'), 'utf8'));
    expect(json).toMatchSnapshot();
    expect(MeshProfile.fromJson(json).revisions).toEqual(['asm-1-30']);
  });

  test('fails when the file name is not a plain .json name', () => {
    expect(() => new MeshProfileFile(new TerraformStack(Testing.app(), 's'), 'P', { profile, fileName: '../x.json' })).toThrow(/\[s\/P\] fileName/);
  });

  test('fails when two files in one stack share a name', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new MeshProfileFile(stack, 'A', { profile });
    expect(() => new MeshProfileFile(stack, 'B', { profile })).toThrow(/already writes 'mesh-profile.json'/);
  });
});

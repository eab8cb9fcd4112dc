import * as fs from 'fs';
import * as path from 'path';
import { AZURE_PEER_DEPENDENCIES, missingAzurePeersMessage } from '../../../src/azure/private/peer-dependencies';

function notFound(id: string): Error {
  return Object.assign(new Error(`Cannot find module '${id}'`), { code: 'MODULE_NOT_FOUND' });
}

describe('Azure peer dependencies', () => {
  test('the ranges are the optional peerDependencies of package.json', () => {
    const pkg: unknown = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'package.json'), 'utf8'));
    if (typeof pkg !== 'object' || pkg === null || !('peerDependencies' in pkg) || !('peerDependenciesMeta' in pkg)) {
      throw new Error('package.json has no peerDependencies / peerDependenciesMeta');
    }
    const peers = pkg.peerDependencies as Record<string, string>;
    const meta = pkg.peerDependenciesMeta as Record<string, { optional?: boolean }>;
    for (const [name, range] of Object.entries(AZURE_PEER_DEPENDENCIES)) {
      expect([name, peers[name]]).toEqual([name, range]);
      expect([name, meta[name]?.optional]).toEqual([name, true]);
    }
  });

  test('no message when both resolve', () => {
    expect(missingAzurePeersMessage(id => `/x/${id}.js`)).toBeUndefined();
  });

  test('names the missing packages and the install command', () => {
    // WHEN
    const message = missingAzurePeersMessage(id => {
      if (id.startsWith('@cdktf/provider-azurerm')) throw notFound(id);
      return id;
    });
    // THEN
    expect(message).toContain('not installed: @cdktf/provider-azurerm.');
    expect(message).toContain('npm install cdktf@^0.21.0 @cdktf/provider-azurerm@^14.23.1');
  });

  test('lists both when neither is installed', () => {
    expect(missingAzurePeersMessage(id => { throw notFound(id); })).toContain('not installed: cdktf, @cdktf/provider-azurerm.');
  });

  test('rethrows failures other than a missing module', () => {
    expect(() => missingAzurePeersMessage(() => { throw new Error('EACCES'); })).toThrow('EACCES');
  });
});

/**
 * The optional peer dependencies `aks-istio-mesh/azure` needs, with the version ranges of package.json.
 *
 * A cdk8s-only install leaves them out (the provider alone is about 270 MB), so `/azure` checks for them
 * before anything loads them and names the install command instead of a bare "Cannot find module".
 *
 * @see https://docs.npmjs.com/cli/v10/configuring-npm/package-json#peerdependenciesmeta
 */
export const AZURE_PEER_DEPENDENCIES: Readonly<Record<string, string>> = {
  'cdktf': '^0.21.0',
  '@cdktf/provider-azurerm': '^14.23.1',
};

/** The module each peer is checked with: the provider has no root entry worth loading (about 3 s). */
const PROBES: Readonly<Record<string, string>> = {
  'cdktf': 'cdktf',
  '@cdktf/provider-azurerm': '@cdktf/provider-azurerm/lib/provider',
};

/**
 * The error message for the peers `resolve` cannot find, or undefined when all are there.
 *
 * Only a module-not-found of the peer itself counts; any other failure is rethrown as it is.
 */
export function missingAzurePeersMessage(resolve: (id: string) => string): string | undefined {
  const missing: string[] = [];
  for (const [name, probe] of Object.entries(PROBES)) {
    try {
      resolve(probe);
    } catch (e) {
      if (!isModuleNotFound(e)) throw e;
      missing.push(name);
    }
  }
  if (missing.length === 0) return undefined;
  const install = Object.entries(AZURE_PEER_DEPENDENCIES).map(([name, range]) => `${name}@${range}`).join(' ');
  return `aks-istio-mesh/azure needs the optional peer dependencies cdktf and @cdktf/provider-azurerm; `
    + `not installed: ${missing.join(', ')}. Install them with: npm install ${install} `
    + '(the cluster side, aks-istio-mesh and aks-istio-mesh/k8s, works without them)';
}

function isModuleNotFound(e: unknown): boolean {
  return typeof e === 'object' && e !== null && 'code' in e && e.code === 'MODULE_NOT_FOUND';
}

const message = missingAzurePeersMessage(id => require.resolve(id));
if (message !== undefined) throw new Error(message);

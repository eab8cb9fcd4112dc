import { IConstruct } from 'constructs';

const WARNING_METADATA = 'aks-istio-mesh:warning';
const printed = new Set<string>();

/** Records a warning on a construct; `MeshChart` prints it once at synth. */
export function addWarning(scope: IConstruct, message: string): void {
  scope.node.addMetadata(WARNING_METADATA, message);
}

/** Every warning recorded under `root`, as `[path] message`, in tree order. */
export function collectWarnings(root: IConstruct): string[] {
  const found: string[] = [];
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type === WARNING_METADATA) found.push(`[${c.node.path}] ${String(entry.data)}`);
    }
  }
  return found;
}

/** Prints each message once per process, so repeated synths and charts do not repeat it. */
export function printOnce(messages: readonly string[]): void {
  for (const message of messages) {
    if (printed.has(message)) continue;
    printed.add(message);
    process.stderr.write(`[aks-istio-mesh] warning: ${message}\n`);
  }
}

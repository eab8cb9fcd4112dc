import { LineCounter, parseAllDocuments } from 'yaml';
import { Manifest } from './finding';
import { rec } from './private/json';

/** YAML that does not parse, with the file and line of the first problem. */
export class ManifestParseError extends Error {
  public constructor(public readonly file: string, public readonly line: number, detail: string) {
    super(`${file}:${line}: ${detail}`);
    this.name = 'ManifestParseError';
  }
}

/**
 * Parses multi-document YAML into manifests, remembering each document's file and line.
 * `List` objects (`kind: List`, as `kubectl get -o yaml` writes) are expanded into their items.
 *
 * @throws ManifestParseError naming the file and line when the YAML does not parse
 * @see https://eemeli.org/yaml/#parsing-documents
 */
export function parseManifests(text: string, file: string): Manifest[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter, prettyErrors: false });
  const out: Manifest[] = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    const error = doc.errors[0];
    if (error) {
      const line = lineCounter.linePos(error.pos[0]).line;
      throw new ManifestParseError(file, line, error.message.split('\n')[0]);
    }
    const value: unknown = doc.toJS();
    const line = doc.contents?.range ? lineCounter.linePos(doc.contents.range[0]).line : 1;
    const object = rec(value);
    if (!object) continue;
    if (object.kind === 'List' && Array.isArray(object.items)) {
      for (const item of object.items) {
        const r = rec(item);
        if (r) out.push({ object: r, file, line });
      }
    } else {
      out.push({ object, file, line });
    }
  }
  return out;
}

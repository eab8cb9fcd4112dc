import { MeshProfile } from '../../mesh/mesh-profile';

/** Marks a `MeshChart`; a registry symbol, so copies of this library recognise each other's charts. */
export const MESH_CHART_BRAND = Symbol.for('aks-istio-mesh.MeshChart');

/** True for a `MeshChart` of any copy of this library. */
export function hasMeshChartBrand(x: unknown): boolean {
  return typeof x === 'object' && x !== null && MESH_CHART_BRAND in x;
}

/** The profile of a `MeshChart`; undefined for any other construct. */
export function meshProfileOf(x: unknown): MeshProfile | undefined {
  return hasMeshChartBrand(x) ? (x as { profile?: MeshProfile }).profile : undefined;
}

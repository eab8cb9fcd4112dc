// Re-exports only. `aks-istio-mesh/mesh`, `/k8s` and `/azure` load one half without the other.
export * from './mesh';
export * from './k8s';
export * from './analysis';
export * from './graph';

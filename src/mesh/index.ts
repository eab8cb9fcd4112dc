export * from './aks-names';
export * from './ingress-gateway-type';
export * from './mesh-config-fields';
export * from './mesh-profile';
export * from './mesh-profile-error';
export * from './mesh-profile-props';
export * from './revision';

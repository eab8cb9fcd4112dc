export * from './topology';
export * from './build-topology';
export * from './render-dot';
export * from './render-mermaid';
export * from './render-svg';

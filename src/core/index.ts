/** The analysis core: free of JupyterLab and DOM imports. */
export * from './types';
export * from './config';
export * from './engine';
export * from './notebook';
export * from './rule';
export { FactsCache, parseCounter } from './facts';
export { fingerprint } from './suppression';
export { applyEdits, applyFix, declareSource } from './fix';
export { dataManifest, matchesDeclared } from './data/manifest';
export type { IDataSource } from './data/manifest';

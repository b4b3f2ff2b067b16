// Signals: per-event features from books and trades (incremental engine + reference twin).
export { FeatureEngine } from './features.js';
export { RefFeatureEngine } from './reference.js';
export { TimeRing, WindowSum } from './ring.js';
export * from './spec.js';

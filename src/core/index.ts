export * from './units.js';
export * from './instruments.js';
export * from './rejects.js';
export * from './events.js';
export * from './hash.js';
export * from './rng.js';
export * from './idtable.js';

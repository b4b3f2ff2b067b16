export * from './clock.js';
export * from './live.js';

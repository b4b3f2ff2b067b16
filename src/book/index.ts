// Public entry of the book subsystem: the feed/book contract, the fast L3 book set and its reference twin.
export * from './types.js';
export { L3Books } from './l3.js';
export type { L3BooksOptions } from './l3.js';
export { RefBooks } from './reference.js';
export { benchBooks } from './bench.js';
export type { BookBenchResult } from './bench.js';

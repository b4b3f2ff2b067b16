// Public entry of the FIX session layer.
export { FixSession } from './session.js';
export { MemoryStore } from './store.js';
export type { MessageStore } from './store.js';
export { defaultSessionConfig } from './types.js';
export type { SessionConfig, SessionTransport, SessionTime, FixApplication, SessionHandle } from './types.js';
export { OutboundBuilder, reverseRoute } from './outbound.js';
export type { Fields } from './outbound.js';
export { businessRejectText, SessionCounters } from './texts.js';
export { FileStore, crc32 } from './file-store.js';
export type { FsyncPolicy, FileStoreOptions } from './file-store.js';
export { SessionCore, OWN_HEADER } from './session-core.js';

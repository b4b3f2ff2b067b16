// Public entry of the journal: an append-only, checksummed record log written before state changes
// take effect, recovered (torn tail cut, middle damage refused) and replayed on restart.
export { crc32, crc32Reference } from './crc32.js';
export { MAGIC, HEADER_BYTES, OVERHEAD, MAX_PAYLOAD, scanJournal, recordAt } from './format.js';
export type { RecordHandler, ScanResult } from './format.js';
export { JournalWriter } from './journal.js';
export type { Journal, JournalOptions, JournalTimer, FsyncPolicy } from './journal.js';
export { MemoryJournal, JournalCorruptError } from './memory.js';
export { FileJournal, verifyJournalFile } from './file.js';
export { liveJournalTimer } from './live-timer.js';

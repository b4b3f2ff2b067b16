// Public entry of the FIX codec: zero-copy decoder, stream framer, reused-buffer encoder.
export { FixMessageView, DecodeStatus, decodeStatusName, standardDataTags } from './decoder.js';
export type { DecodeStatusCode } from './decoder.js';
export { FixFramer, FrameStatus } from './framer.js';
export { FixEncoder } from './encoder.js';
export { Tag, MsgType, SOH, isAdminMsgType } from './tags.js';
export { writeUtcTimestamp, formatUtcTimestamp, parseUtcTimestamp, parseUtcTimestampString, daysFromCivil } from './time.js';
export { referenceDecode, referenceEncode } from './reference.js';
export type { RefField, RefResult } from './reference.js';

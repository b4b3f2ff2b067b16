// Public entry of the OMS: the order lifecycle table, the order pool, positions and fills, idempotent
// venue-report handling, reconciliation after a reconnect, and the journaled front the kernel calls.
export { OrdStatus, FIX_ORD_STATUS, TABLE, TABLE_EVENTS, STATUS_COUNT, EVENT_COUNT, STAY, STALE, WORKING, ILLEGAL, tableOutcome, statusName, eventName, isLive, isTerminal } from './table.js';
export type { OrdStatusCode } from './table.js';
export { Oms, OmsResult, ExecReport } from './oms.js';
export type { OmsOptions } from './oms.js';
export { OrderPool } from './pool.js';
export { Positions, positionKey, validIdentity } from './positions.js';
export type { PositionView } from './positions.js';
export { IdSet } from './idset.js';
export { reconcile, snapshot } from './reconcile.js';
export type { VenueOrderStatus, OrderSnapshot, Discrepancy, DiscrepancyKind, ReconcileResult } from './reconcile.js';
export { JournaledOms, applyOmsRecord, replayOms, omsReplayHandler, OMS_RECORD_BASE, omsRecordType } from './journaled.js';
export { ReferenceOms } from './reference.js';
export { OmsOpGenerator, OmsOp, applyOp, OP_SUBMIT, OP_CANCEL, OP_REPLACE, OP_REPORT, OP_RECONCILE, OP_RELEASE } from './generator.js';
export type { OmsCommands } from './generator.js';

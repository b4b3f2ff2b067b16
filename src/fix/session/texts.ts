// BusinessRejectReason (380) texts as QuickFIX writes them, and the session's counters
// (bumped on the engine thread, read by metrics off the hot path: design principle 12).

export const businessRejectText: Record<number, string> = {
  0: 'Other',
  1: 'Unknown ID',
  2: 'Unknown Security',
  3: 'Unsupported Message Type',
  4: 'Application not available',
  5: 'Conditionally Required Field Missing',
  6: 'Not authorized',
  7: 'DeliverTo firm not available at this time',
};

export class SessionCounters {
  received = 0;
  sent = 0;
  garbled = 0;
  rejected = 0;
  resent = 0;
  resendRequests = 0;
  logons = 0;
  /** Writes the transport could not finish at once: the encoder moved to a fresh buffer (back-pressure). */
  bufferSwaps = 0;
}

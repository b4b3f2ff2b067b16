// Public entry of src/venue: the venue port interface the kernel sends orders through, and its
// implementations: the in-process simulator, a FIX 4.4 session, the shadow fill model, and the null port.
export { TimeInForce, type VenuePort, type VenueEventSink } from './types.js';
export { SimVenuePort, SIM_ID_BASE } from './sim.js';
export { ShadowVenuePort } from './shadow.js';
export { FixVenuePort, EncoderOutput, sessionOutput, type FixOrderOutput, type FixPortOptions } from './fix.js';
export { NullVenuePort } from './null.js';

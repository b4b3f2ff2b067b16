// Public entry of the MoldUDP64 transport (Nasdaq's UDP framing for ITCH): packet codec, the gap-filling
// receiver and the publisher with its retransmission buffer.

export {
  MOLD_SESSION_LENGTH, MOLD_HEADER_LENGTH, MOLD_REQUEST_LENGTH, MOLD_HEARTBEAT, MOLD_END_OF_SESSION, IP_UDP_OVERHEAD,
  MoldHeader, MoldStatus, moldSession, moldSessionName, parseMoldPacket, writeMoldHeader, encodeMoldPacket,
  encodeMoldControl, encodeMoldRequest, parseMoldRequest, sameSession,
} from './packet.js';
export { RetransmitStore } from './retransmit.js';
export { MoldPublisher } from './publisher.js';
export type { MoldPublisherOptions, MoldPublisherStats, UdpAddress } from './publisher.js';
export { MoldReceiver } from './receiver.js';
export type { MoldReceiverOptions, MoldReceiverStats, MoldMessageHandler } from './receiver.js';
export { MoldItchFeed } from './itch-feed.js';

// Public entry of the FIX transports (TCP acceptor, TCP/TLS initiator with reconnect).
export { startAcceptor, bindSocket } from './acceptor.js';
export type { AcceptorOptions, FixAcceptor } from './acceptor.js';
export { FixInitiator } from './initiator.js';
export type { InitiatorOptions } from './initiator.js';

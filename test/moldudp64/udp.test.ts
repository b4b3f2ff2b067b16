// Publisher and receiver over real UDP sockets on 127.0.0.1.
import { createSocket } from 'node:dgram';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { InstrumentRegistry } from '../../src/core/instruments.js';
import { ItchBookHandler } from '../../src/feed/itch/book-handler.js';
import { encodeItch } from '../../src/feed/itch/codec.js';
import { MoldPublisher, type MoldPublisherOptions } from '../../src/feed/moldudp64/publisher.js';
import { MoldReceiver, type MoldReceiverOptions } from '../../src/feed/moldudp64/receiver.js';
import { MoldItchFeed } from '../../src/feed/moldudp64/itch-feed.js';
import { encodeMoldControl, encodeMoldPacket, encodeMoldRequest, moldSession } from '../../src/feed/moldudp64/packet.js';
import { msg, RecordingSink } from '../itch/helpers.js';

const HOST = '127.0.0.1';
const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  while (open.length > 0) await open.pop()!.close();
});

async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 5));
  }
}

function itchBytes(k: number): Buffer {
  const b = Buffer.alloc(64);
  const n = encodeItch(msg('A', { stockLocate: 1, timestamp: 1000 + k, orderRef: k + 1, side: 'B', shares: 100, stock: 'AAPL', price: 1_000_000 + k }), b, 0);
  return b.subarray(0, n);
}

interface Pair { pub: MoldPublisher; rx: MoldReceiver; got: number[]; logs: string[] }

async function pair(pubOpts: Partial<MoldPublisherOptions> = {}, rxOpts: Partial<MoldReceiverOptions> = {}): Promise<Pair> {
  const got: number[] = [];
  const logs: string[] = [];
  // The receiver needs the publisher's request port and the publisher the receiver's port: bind the
  // receiver first, then point it at the publisher.
  const requestServer = { address: HOST, port: 0 };
  const rx = await MoldReceiver.open({
    port: 0, bindAddress: HOST, requestServer, requestTimeoutMs: 30, session: 'TEST000001', log: (l) => logs.push(l),
    onMessage: (buf, off, len, seq) => {
      expect(buf.readUInt32BE(off + 15)).toBe(seq); // order ref k + 1 == sequence
      expect(len).toBe(36);
      got.push(seq);
    },
    ...rxOpts,
  });
  open.push(rx);
  const pub = await MoldPublisher.open({
    session: 'TEST000001', destination: { address: HOST, port: rx.port }, bindAddress: HOST, mtu: 28 + 20 + 5 * 38,
    heartbeatMs: 0, log: (l) => logs.push(l), ...pubOpts,
  });
  open.push(pub);
  requestServer.port = pub.requestPort;
  return { pub, rx, got, logs };
}

const range = (a: number, b: number) => Array.from({ length: b - a }, (_, i) => a + i);

describe('MoldUDP64 over UDP', () => {
  it('delivers every message in order, five per packet', async () => {
    const { pub, rx, got } = await pair();
    for (let k = 0; k < 200; k++) pub.publish(itchBytes(k), 0, 36);
    pub.flush();
    await until(() => got.length === 200);
    expect(got).toEqual(range(1, 201));
    expect(pub.stats.packets).toBe(40);
    expect(rx.stats.gaps).toBe(0);
    expect(rx.stats.requests).toBe(0);
  });

  it('recovers a dropped packet by re-request', async () => {
    const { pub, rx, got } = await pair({ drop: (seq) => seq === 11 });
    for (let k = 0; k < 100; k++) pub.publish(itchBytes(k), 0, 36);
    pub.flush();
    await until(() => got.length === 100);
    expect(got).toEqual(range(1, 101));
    expect(pub.stats.dropped).toBe(1);
    expect(rx.stats.gaps).toBe(1);
    expect(rx.stats.requests).toBeGreaterThanOrEqual(1);
    expect(pub.stats.requests).toBeGreaterThanOrEqual(1);
    expect(pub.stats.retransmittedMessages).toBeGreaterThanOrEqual(5);
    expect(rx.stats.lost).toBe(0);
  });

  it('recovers a dropped last packet once a heartbeat announces it, then ends the session', async () => {
    let ended = -1;
    const { pub, rx, got } = await pair({ drop: (seq) => seq === 46 }, { onEndOfSession: (n) => { ended = n; } });
    for (let k = 0; k < 50; k++) pub.publish(itchBytes(k), 0, 36);
    pub.flush();
    await until(() => got.length === 45);
    pub.heartbeat();
    pub.endSession();
    await until(() => ended > 0);
    expect(got).toEqual(range(1, 51));
    expect(ended).toBe(51);
    expect(rx.sessionEnded).toBe(true);
  });

  it('feeds an ITCH book handler from the receiver', async () => {
    const sink = new RecordingSink();
    const handler = new ItchBookHandler(sink, new InstrumentRegistry());
    const { pub } = await pair({ drop: (seq) => seq === 1 }, { onMessage: (b, o, l) => { handler.onMessage(b, o, l); } });
    for (let k = 0; k < 20; k++) pub.publish(itchBytes(k), 0, 36);
    pub.flush();
    await until(() => sink.calls.length === 20);
    expect(sink.calls[0]).toBe('add 0 1 0 1000000 100 1000');
    expect(sink.calls[19]).toBe('add 0 20 0 1000019 100 1019');
  });

  it('MoldItchFeed gives the replay contract on the live path', async () => {
    const sink = new RecordingSink();
    const records: string[] = [];
    const feed = new MoldItchFeed({ books: sink, registry: new InstrumentRegistry(), onRecord: (i, inst, ts) => records.push(`${i}:${inst}:${ts}`) });
    const { pub } = await pair({}, { onMessage: feed.onMessage });
    const r = Buffer.alloc(64);
    const rl = encodeItch(msg('R', { stockLocate: 1, timestamp: 5, stock: 'AAPL', roundLotSize: 100 }), r, 0);
    pub.publish(r, 0, rl);
    for (let k = 0; k < 3; k++) pub.publish(itchBytes(k), 0, 36);
    const bad = Buffer.from(itchBytes(3));
    bad.writeUInt32BE(0x00400000, 11); // order ref >= 2^53
    pub.publish(bad, 0, 36);
    pub.flush();
    await until(() => feed.messages === 5);
    const st = feed.stats();
    expect(st.byType).toEqual({ R: 1, A: 4 });
    expect(st.errors).toBe(1);
    expect(st.errorSamples[0]).toBe('sequence 5: type A length 36: 64-bit value >= 2^53');
    expect(records).toEqual(['1:0:5', '2:0:1000', '3:0:1001', '4:0:1002', '5:0:1003']);
    expect(sink.calls.length).toBe(3);
  });

  it('counts and logs malformed packets and requests without crashing', async () => {
    const { pub, rx, got, logs } = await pair();
    const raw = createSocket('udp4');
    open.push({ close: () => new Promise<void>((r) => raw.close(() => r())) });
    const junk = [Buffer.from([1, 2, 3]), Buffer.alloc(25, 0xff), Buffer.concat([encodeMoldPacket(moldSession('TEST000001'), 1, [itchBytes(0)]), Buffer.from([9])])];
    for (const j of junk) raw.send(j, rx.port, HOST);
    raw.send(encodeMoldPacket(moldSession('OTHER'), 1, [itchBytes(0)]), rx.port, HOST);
    raw.send(Buffer.from('nonsense'), pub.requestPort, HOST);
    raw.send(encodeMoldRequest(moldSession('OTHER'), 1, 1), pub.requestPort, HOST);
    await until(() => rx.stats.malformed === 3 && rx.stats.wrongSession === 1 && pub.stats.malformedRequests === 2);
    expect(logs.some((l) => /malformed packet from 127\.0\.0\.1:\d+ \(3 bytes\)/.test(l))).toBe(true);
    expect(logs.some((l) => /session "OTHER"/.test(l))).toBe(true);
    // Still works afterwards.
    for (let k = 0; k < 10; k++) pub.publish(itchBytes(k), 0, 36);
    pub.flush();
    await until(() => got.length === 10);
    expect(got).toEqual(range(1, 11));
  });

  it('answers requests for evicted messages with what it still holds', async () => {
    const losses: [number, number][] = [];
    const { pub, rx, got } = await pair(
      { drop: (seq) => seq === 1, retransmitMessages: 10 },
      { maxRetries: 1, requestTimeoutMs: 20, onLoss: (f, n) => { losses.push([f, n]); } },
    );
    for (let k = 0; k < 50; k++) pub.publish(itchBytes(k), 0, 36);
    pub.flush();
    await until(() => losses.length === 1);
    expect(losses[0]).toEqual([1, 5]);
    await until(() => got.length === 45);
    expect(got).toEqual(range(6, 51));
    expect(pub.stats.unavailableMessages).toBeGreaterThanOrEqual(5);
    expect(rx.stats.lost).toBe(5);
  });

  it('declares an unrecoverable gap lost after the retries and carries on', async () => {
    const losses: [number, number][] = [];
    // A request server that never answers.
    const deaf = createSocket('udp4');
    await new Promise<void>((r) => deaf.bind(0, HOST, () => r()));
    open.push({ close: () => new Promise<void>((r) => deaf.close(() => r())) });
    const got: number[] = [];
    const rx = await MoldReceiver.open({
      port: 0, bindAddress: HOST, requestServer: { address: HOST, port: deaf.address().port }, requestTimeoutMs: 10, maxRetries: 2,
      onMessage: (_b, _o, _l, seq) => { got.push(seq); }, onLoss: (f, n) => { losses.push([f, n]); },
    });
    open.push(rx);
    const S = moldSession('S');
    rx.handlePacket(encodeMoldPacket(S, 1, [itchBytes(0), itchBytes(1)]));
    rx.handlePacket(encodeMoldPacket(S, 6, [itchBytes(5)]));
    await until(() => losses.length === 1);
    expect(losses[0]).toEqual([3, 3]);
    expect(got).toEqual([1, 2, 6]);
    expect(rx.stats.retries).toBe(2);
    expect(rx.stats.requests).toBe(3);
    expect(rx.stats.lost).toBe(3);
  });

  it('reorders queued packets and drops duplicates', async () => {
    const got: number[] = [];
    const rx = await MoldReceiver.open({ port: 0, bindAddress: HOST, onMessage: (_b, _o, _l, s) => { got.push(s); } });
    open.push(rx);
    const S = moldSession('S');
    const pk = (seq: number, n: number) => encodeMoldPacket(S, seq, range(seq, seq + n).map((k) => itchBytes(k - 1)));
    rx.handlePacket(pk(4, 2));
    rx.handlePacket(pk(6, 1));
    expect(got).toEqual([]);
    rx.handlePacket(pk(1, 2));
    rx.handlePacket(pk(2, 3)); // overlaps: only 3 is new
    expect(got).toEqual([1, 2, 3, 4, 5, 6]);
    rx.handlePacket(pk(1, 2));
    rx.handlePacket(encodeMoldControl(S, 7, 0));
    expect(rx.stats.duplicates).toBe(1);
    expect(rx.stats.queued).toBe(2);
    expect(rx.nextSequence).toBe(7);
  });

  it('survives random and mutated packets, still delivering valid ones in order', async () => {
    const got: number[] = [];
    const rx = await MoldReceiver.open({
      port: 0, bindAddress: HOST, session: 'S', requestTimeoutMs: 1, maxRetries: 0, maxSequenceJump: 1000,
      onMessage: (_b, _o, _l, s) => { got.push(s); },
    });
    open.push(rx);
    const S = moldSession('S');
    const valid = (seq: number) => encodeMoldPacket(S, seq, [itchBytes(seq - 1)]);
    fc.assert(
      fc.property(
        fc.array(fc.oneof(
          fc.uint8Array({ maxLength: 80 }).map((a) => Buffer.from(a)),
          fc.tuple(fc.integer({ min: 1, max: 30 }), fc.nat(), fc.integer({ min: 0, max: 255 })).map(([seq, i, v]) => {
            const p = Buffer.from(valid(seq));
            p[i % p.length] = v;
            return p;
          }),
        ), { maxLength: 20 }),
        (junk) => {
          for (const j of junk) rx.handlePacket(j);
        },
      ),
      { numRuns: 200 },
    );
    expect(rx.stats.malformed + rx.stats.wrongSession).toBeGreaterThan(0);
    // Whatever happened, delivery stays strictly in sequence order.
    for (let i = 1; i < got.length; i++) expect(got[i]).toBeGreaterThan(got[i - 1]);
    const far = encodeMoldPacket(S, rx.nextSequence + 5000, [itchBytes(0)]);
    const before = rx.stats.malformed;
    rx.handlePacket(far);
    expect(rx.stats.malformed).toBe(before + 1);
  });
});


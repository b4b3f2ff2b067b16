// startSystem: the whole of `hftbot run` in one process, wired in one place (design principle 9):
//   1. clock: the live clock (ns since today's UTC midnight); epochMs for wall times
//   2. market: the synthetic market (src/sim agents on an in-process Venue), started at the clock's now;
//      none with an outside feed (Market.Source MoldUDP64)
//   3. ports: shadow (ShadowVenuePort on the kernel's book), paper (SimVenuePort on the Venue), live (a FIX
//      session to the simulator's FIX gateway on loopback, or to Venue.Settings' venue; ./fix-live.ts),
//      behind one StageRouter
//   4. strategies: one StrategySlot per configured strategy (+ spares for strategies created at run time)
//   5. kernel: buildKernel over the market's instruments, the slots and the router; journal to Journal.Dir
//   6. market data: the Venue's ITCH publisher taps straight into the kernel's inbound ring (the bytes a
//      MoldUDP64 receiver would deliver, minus the UDP hop: an in-process tap costs nothing at startup and
//      keeps market and kernel in lockstep). The wire path is Market.Source MoldUDP64: a MoldReceiver on
//      the configured address feeds the same ring (with Venue.Kind fix: e.g. `hftbot exchange` elsewhere)
//   7. metrics (src/metrics) and the kernel probe; stages (./stages.ts); the HTTP server (./server.ts)
//   8. the live loop: every 1 ms the market runs the agents' events due by now, then the kernel polls
//      (market data, reports, timers); every second the records, rates and health are sampled.
// Real time: the market's events are due at live-clock times, so the market runs at wall speed.
// stop(): timers off, open orders cancelled when cancelOnExit (and the reports handled), FIX logout,
// server closed, journal synced and closed, records saved. Threading: the Node event loop owns it all.

import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { LiveClock, clearLiveTimer, setLiveInterval, wallMs } from '../clock/live.js';
import type { RunSpec } from '../config/run.js';
import type { Stage, StrategySpec } from '../config/strategy.js';
import { RISK_PRESETS } from '../config/presets.js';
import { FileJournal } from '../journal/file.js';
import { buildKernel } from '../kernel/build.js';
import type { Kernel } from '../kernel/kernel.js';
import { SystemCounters } from '../metrics/counters.js';
import { buildRegistry, type SystemRegistry } from '../metrics/registry.js';
import { SCOPE_GLOBAL, SCOPE_STRATEGY, limitsFromPreset, type RiskLimits } from '../risk/index.js';
import { createSyntheticMarket, type SyntheticMarket } from '../sim/agents.js';
import { MoldReceiver } from '../feed/moldudp64/receiver.js';
import { ItchPublisher } from '../sim/itch-publisher.js';
import { limitsFromSpec, strategyFromSpec } from '../strategy/factory.js';
import { ShadowVenuePort } from '../venue/shadow.js';
import { SimVenuePort } from '../venue/sim.js';
import { Activity } from './activity.js';
import { marketInstruments, templateOptions } from './defaults.js';
import type { Venue } from '../sim/venue.js';
import { pruneJournals } from './retention.js';
import { prefault } from '../core/prefault.js';
import { CTRL_KILL, CTRL_RELEASE } from '../kernel/control.js';
import { AlertEvaluator, type AlertState } from '../alerts/evaluate.js';
import { formatError, loadSpec } from '../config/load.js';
import { startConfiguredVenue, startLiveVenue, type LiveVenue } from './fix-live.js';
import { GaugeReader } from './gauges.js';
import { createLogger, type Logger } from './log.js';
import { KernelProbe } from './probe.js';
import { StageRouter } from './router.js';
import { createServer } from './server.js';
import { StrategySlot } from './slots.js';
import { STAGE_ORDER, StageBook, type GateReport, type StageChange } from './stages.js';
import { reasonName } from '../metrics/counters.js';

export const SPARE_SLOTS = 4;
const PRICE_SCALE = 10_000;

export interface SystemOptions {
  /** Overrides Server.Port (0: any free port) and Server.Host. */
  port?: number;
  host?: string;
  /** The journal folder instead of the config's Journal.Dir (--journal DIR): no retention there. */
  journalDir?: string;
  logger?: Logger;
  /** Mount the web API and dashboard (src/api) when present (default true). */
  api?: boolean;
  /** Default process metrics on /metrics (default true). */
  processMetrics?: boolean;
  /** API tokens (src/api tokens; the CLI parses HFTBOT_API_TOKENS). Default: the demo tokens, logged. */
  apiTokens?: ReadonlyArray<{ name: string; role: 'viewer' | 'trader' | 'admin'; token: string }>;
}

export type SystemListener = (e: { type: 'stage'; change: StageChange } | { type: 'kill'; active: boolean; cancelled: number; tsMs: number } | { type: 'alert'; alert: AlertState }) => void;

export interface RunningSystem {
  readonly spec: RunSpec;
  readonly clock: LiveClock;
  readonly epochMs: number;
  readonly startedAtMs: number;
  /** The in-process synthetic market (null with an outside MoldUDP64 feed). */
  readonly market: SyntheticMarket | null;
  readonly kernel: Kernel;
  readonly router: StageRouter;
  /** Kernel strategy slots (configured strategies first, then spares with name ''). */
  readonly slots: StrategySlot[];
  /** The spec of each slot's strategy (null: spare, or a strategy module). */
  readonly specs: Array<StrategySpec | null>;
  readonly limits: RiskLimits[];
  readonly instruments: string[];
  readonly stages: StageBook;
  readonly counters: SystemCounters;
  readonly metrics: SystemRegistry;
  readonly activity: Activity;
  readonly gauges: GaugeReader;
  readonly live: LiveVenue | null;
  /** The in-process simulator's venue (paper, and live through its FIX gateway); null with an outside market. */
  readonly venue: Venue | null;
  /** Why there is no live venue (null when there is one). */
  readonly liveError: string | null;
  /** The run config's alert rules evaluated in process once a second (null without `Alerts:`). */
  readonly alerts: AlertEvaluator | null;
  readonly app: FastifyInstance;
  readonly url: string;
  readonly journalDir: string;
  readonly log: Logger;
  /** Engine events per second over the last second. */
  readonly eventsPerSec: number;
  /** Checks the gates and changes the stage when they pass (the library call behind `hftbot promote`). */
  promote(name: string, to?: Stage, actor?: string): GateReport;
  /** Operator override: moves a strategy to a stage without gates (journaled as such). */
  setStage(name: string, stage: Stage, actor?: string): GateReport;
  /** Puts a validated strategy into a spare slot (or replaces a stopped one of the same name). */
  addStrategy(spec: StrategySpec, stage: Stage, actor?: string): { ok: true; id: number } | { ok: false; error: string };
  /** Global kill switch: engage (cancel every working order) or release. Returns the orders cancelled. */
  killSwitch(engage: boolean, actor?: string): number;
  /** Cancels a strategy's working orders; returns how many. */
  cancelAll(strategyId: number): number;
  on(listener: SystemListener): () => void;
  stop(reason?: string): Promise<void>;
}

export async function startSystem(spec: RunSpec, opts: SystemOptions = {}): Promise<RunningSystem> {
  const log = opts.logger ?? createLogger();
  // the alert rules, read first: a bad file stops the start with its file:line:col errors
  let alerts: AlertEvaluator | null = null;
  if (spec.alerts !== null) {
    const a = loadSpec(spec.alerts);
    if (!a.ok) throw new Error(a.errors.map(formatError).join('\n'));
    if (a.kind !== 'alerts') throw new Error(`${spec.alerts}:1:1: a ${a.kind} file, not an alerts spec (top-level key Alerts:)`);
    alerts = new AlertEvaluator(a.spec);
  }
  const outside = spec.market.source === 'moldudp64';
  if (outside && spec.venue.kind !== 'fix') throw new Error('hftbot run: an outside MoldUDP64 feed needs an outside FIX venue (Venue: { Kind: fix, Settings: ... })');
  const startedAtMs = wallMs();
  // 1. clock
  const clock = new LiveClock();
  const epochMs = Math.round((wallMs() - clock.now() / 1e6) / 86_400_000) * 86_400_000;
  // 2. market
  //    (an outside feed: no market here; the kernel trades the listed instruments, ids in list order)
  const instruments = marketInstruments(spec.market.instruments, spec.market.profile);
  const symbols = outside ? spec.market.instruments.slice() : instruments.map((i) => i.symbol);
  const market = outside ? null : createSyntheticMarket({ seed: spec.market.seed, instruments, startNs: clock.now() });
  // 4. strategies (before the ports: the metrics shape needs the names)
  const tmpl = templateOptions(spec.market.profile);
  const nSlots = spec.strategies.length + SPARE_SLOTS;
  const specs: Array<StrategySpec | null> = [];
  const slots: StrategySlot[] = [];
  const limits: RiskLimits[] = [];
  for (let k = 0; k < nSlots; k++) {
    const rs = spec.strategies[k];
    specs.push(rs?.spec ?? null);
    slots.push(new StrategySlot(symbols, rs === undefined ? null : strategyFromSpec(rs.spec, tmpl)));
    limits.push(rs === undefined ? limitsFromPreset(RISK_PRESETS.low, { priceScale: PRICE_SCALE }) : limitsFromSpec(rs.spec, PRICE_SCALE));
  }
  const names = slots.map((s) => s.name);
  const traded = specs.map((s) => (s === null ? [] : s.instruments.map((x) => symbols.indexOf(x))));
  const counters = new SystemCounters({ strategies: names, instruments: symbols, traded, feeds: ['itch'], venues: ['shadow', 'simulator', 'fix'] });
  // 3. ports
  const shadow = new ShadowVenuePort(null, 8192);
  const liveOrErr = market === null || (spec.venue.kind === 'fix' && spec.venue.settings !== null)
    ? await startConfiguredVenue(spec.venue.settings!, clock, epochMs, symbols)
    : await startLiveVenue({ venue: market.venue, clock, epochMs, symbols, beforeCommand: (now) => void market.step(now) });
  const live = 'error' in liveOrErr ? null : liveOrErr;
  const liveError = 'error' in liveOrErr ? liveOrErr.error : null;
  if (market === null && live === null) throw new Error(`hftbot run: the outside FIX venue: ${liveError}`);
  // paper: the in-process simulator; with an outside market there is none, and paper orders go to the
  // outside venue too (which is then a simulator itself, e.g. `hftbot exchange`)
  const paper = market !== null ? new SimVenuePort(market.venue, symbols) : live!.port;
  const router = new StageRouter([shadow, paper, live?.port ?? null], counters, nSlots);
  const activity = new Activity(symbols.length, clock);
  router.activity = activity;
  // 5. kernel, journaled
  const journalDir = opts.journalDir ?? spec.journal.dir;
  mkdirSync(journalDir, { recursive: true });
  const stamp = new Date(startedAtMs).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
  // fsync: 'batch' syncs once a second (the sampler below), not every 64 records: an fsync stalls the event
  // loop for milliseconds, which the kernel's tick-to-trade would pay
  // retention applies to the configured folder; a folder given by the caller (--journal DIR: a recording)
  // keeps everything
  const pruned = opts.journalDir === undefined ? pruneJournals(journalDir, spec.journal.keep) : [];
  if (pruned.length > 0) log.info({ event: 'journal_retention', dir: journalDir, deleted: pruned, keep: spec.journal.keep }, `journal retention: ${pruned.length} old kernel journals deleted (Journal.Keep ${spec.journal.keep})`);
  const journal = new FileJournal(join(journalDir, `kernel-${stamp}.journal`), { fsync: spec.journal.fsync, batchRecords: 1 << 30 });
  const kernel = buildKernel(
    { instruments: symbols, strategies: slots.map((strategy, k) => ({ strategy, limits: limits[k] })) },
    { clock, venue: router, journal },
  );
  router.lookup = (cl) => {
    const s = kernel.oms.slotOf(cl);
    return s < 0 ? -1 : kernel.oms.orders.strategy[s];
  };
  // Reconciliation at every logon of the live FIX session: after a reconnect the kernel asks the status of
  // every open or in-doubt order (all stages: the shadow and paper ports answer from their own books) and
  // holds new orders until the answers are in; each difference is logged (issue 5, item 6).
  if (live !== null) {
    live.port.onConnected = () => {
      const asked = kernel.reconcile();
      log.info({ event: 'reconcile', session: live.sessionName, asked, round: kernel.recon.rounds }, `FIX session ${live.sessionName} logged on: ${asked} order statuses asked`);
    };
  }
  kernel.onDiscrepancy = (d) => {
    log.warn({ event: 'discrepancy', kind: d.kind, clOrdId: d.clOrdId, local: d.local, venue: d.venue }, `reconciliation: ${d.kind} on order ${d.clOrdId}`);
    if (kernel.discrepancies.length < 10_000) kernel.discrepancies.push(d);
  };
  // every page of the kernel's and the ports' typed arrays mapped now, not at the first orders (../core/prefault.ts)
  const pf0 = wallMs();
  const pages = prefault({ kernel, router, shadow, paper, activity, counters });
  log.info({ event: 'prefault', pages, ms: Math.round(wallMs() - pf0) }, `memory pre-faulted: ${pages} pages`);
  // 6. market data: the publisher's tap feeds the kernel's ring
  //    (a sequence number that skips is a gap: none in process, counted for parity with a UDP feed)
  //    An outside feed: a MoldUDP64 receiver (gaps repaired by re-requests; each gap detected is counted,
  //    lost ranges are logged) hands each message to the same ring.
  let nextSeq = 0;
  let receiver: MoldReceiver | null = null;
  if (market !== null) {
    new ItchPublisher(market.venue, {
      taps: [(buf, off, len, seq) => {
        if (nextSeq !== 0 && seq !== nextSeq) counters.feedGaps[0]++;
        nextSeq = seq + 1;
        kernel.feedItch(buf, off, len, clock.now());
      }],
    });
  } else {
    const m = spec.market;
    const multicast = /^2(2[4-9]|3\d)\./.test(m.host!);
    receiver = await MoldReceiver.open({
      port: m.port!, bindAddress: multicast ? undefined : m.host!, multicastGroup: multicast ? m.host! : undefined,
      requestServer: { address: m.requestHost ?? (multicast ? '127.0.0.1' : m.host!), port: m.requestPort ?? m.port! + 1 },
      onMessage: (buf, off, len) => kernel.feedItch(buf, off, len, clock.now()),
      onLoss: (from, count) => log.warn({ event: 'feed_loss', from, count }, `MoldUDP64: ${count} messages lost from sequence ${from}`),
    });
  }
  // 7. metrics, probe, stages
  const stages = new StageBook({
    dir: journalDir, wallMs,
    strategies: spec.strategies.map((s) => ({ name: s.name, stage: s.stage, gates: s.spec.promotion })),
  });
  const pendingCancels: number[] = [];
  const listeners = new Set<SystemListener>();
  const emit: SystemListener = (e) => { for (const l of listeners) l(e); };
  if (alerts !== null) {
    alerts.onChange = (a) => {
      const where = Object.entries(a.labels).map(([k, v]) => `${k}=${v}`).join(',');
      log.warn({ event: 'alert', alert: a.name, state: a.state, labels: a.labels, value: a.value }, `alert ${a.name}${where === '' ? '' : `{${where}}`} ${a.state}`);
      emit({ type: 'alert', alert: a });
    };
  }
  const applyStage = (id: number, stage: Stage): void => {
    router.stage[id] = STAGE_ORDER.indexOf(stage);
  };
  stages.records.forEach((r, id) => applyStage(id, r.stage));
  stages.onChange = (c, id) => {
    applyStage(id, c.to);
    if (c.from !== null && STAGE_ORDER.indexOf(c.to) < STAGE_ORDER.indexOf(c.from)) pendingCancels.push(id);
    log.info({ event: 'stage', strategy: c.strategy, from: c.from, to: c.to, reason: c.reason, actor: c.actor, detail: c.detail }, `${c.strategy}: ${c.from} -> ${c.to} (${c.reason})`);
    emit({ type: 'stage', change: c });
  };
  const probe = new KernelProbe(kernel, counters, limits.map((l) => l.killOnBreach), {
    onBreach: (s, check, r) => {
      log.warn({ event: 'breach', strategy: names[s], check: reasonName(check), limit: r.limit, observed: r.observed }, `risk breach: ${names[s]} ${reasonName(check)}`);
      if (s < stages.records.length) stages.breach(s, reasonName(check));
    },
  });
  router.eventStart = probe.eventStart;
  const gauges = new GaugeReader(kernel, router, limits, live, PRICE_SCALE);
  const metrics = buildRegistry(counters, gauges, { processMetrics: opts.processMetrics });

  const cancelAll = (id: number): number => {
    const buf = new Float64Array(4096);
    const n = kernel.risk.openOrdersOf(SCOPE_STRATEGY, id, buf);
    let sent = 0;
    for (let k = 0; k < n; k++) if (kernel.cancel(id, buf[k]) === 0) sent++;
    return sent;
  };

  // 8. the live loop
  let eventsPerSec = 0;
  let lastEvents = 0;
  let killed = false;
  let sessionUp = false;
  let gapsSeen = 0;
  const loop = setLiveInterval(() => {
    if (market !== null) market.step(clock.now());
    else if (receiver!.stats.gaps !== gapsSeen) {
      counters.feedGaps[0] += receiver!.stats.gaps - gapsSeen;
      gapsSeen = receiver!.stats.gaps;
    }
    kernel.poll();
    while (pendingCancels.length > 0) cancelAll(pendingCancels.pop()!);
  }, 1);
  let lastSampleNs = clock.now();
  let saves = 0;
  const sampler = setLiveInterval(() => {
    const now = clock.now();
    const dt = now - lastSampleNs;
    lastSampleNs = now;
    gauges.sampleRates(counters, dt);
    for (let id = 0; id < stages.records.length; id++) {
      let fills = 0;
      for (let i = 0; i < symbols.length; i++) fills += counters.fills[id * symbols.length + i] + counters.shadowFills[id * symbols.length + i];
      stages.sample(id, kernel.pnl(id) / PRICE_SCALE, fills, dt);
    }
    const ev = kernel.feedEvents + kernel.execEvents + kernel.timerFires;
    eventsPerSec = ((ev - lastEvents) * 1e9) / Math.max(1, dt);
    lastEvents = ev;
    const k = gauges.killActive();
    if (k !== killed) {
      killed = k;
      log.warn({ event: 'kill_switch', active: k }, k ? 'kill switch engaged' : 'kill switch released');
    }
    const up = live?.session.loggedOn ?? false;
    if (live !== null && up !== sessionUp) {
      sessionUp = up;
      log.info({ event: 'session', session: live.sessionName, up }, `FIX session ${live.sessionName} ${up ? 'up' : 'down'}`);
    }
    if (alerts !== null) {
      const ev = alerts;
      void metrics.samples().then((x) => ev.observe(now, x), (err: Error) => log.error({ event: 'alerts', error: err.message }, `alert evaluation failed: ${err.message}`));
    }
    journal.sync();
    if (++saves % 5 === 0) stages.save();
  }, 1000);

  // the HTTP server
  const host = opts.host ?? spec.server.host;
  const health = () => ({
    status: 'ok', startedAtMs, uptimeS: Math.round((wallMs() - startedAtMs) / 1000), eventsPerSec: Math.round(eventsPerSec),
    killSwitch: killed, fixSession: live === null ? null : live.session.loggedOn, liveVenue: liveError ?? (spec.venue.kind === 'fix' ? spec.venue.settings : 'simulator FIX gateway'),
    strategies: stages.records.map((r) => ({ name: r.name, stage: r.stage })),
  });
  const app = await createServer({ host, port: opts.port ?? spec.server.port, metrics, health });

  let stopping: Promise<void> | null = null;
  const sys: RunningSystem = {
    spec, clock, epochMs, startedAtMs, market, kernel, router, slots, specs, limits, instruments: symbols, stages, counters,
    metrics, activity, gauges, live, venue: market?.venue ?? null, liveError, alerts, app, url: '', journalDir, log,
    get eventsPerSec() { return eventsPerSec; },
    promote: (name, to, actor = 'api') => stages.promote(name, to, actor),
    setStage(name, stage, actor = 'api') {
      const id = stages.id(name);
      if (id < 0) return { strategy: name, from: stage, to: stage, ok: false, checks: [], message: `no strategy named ${name}` };
      return stages.force(name, stage, actor);
    },
    addStrategy(s, stage, actor = 'api') {
      const existing = slots.findIndex((x) => x.name === s.name);
      if (existing >= 0 && slots[existing].running) return { ok: false, error: `a strategy named ${s.name} is running` };
      const id = existing >= 0 ? existing : slots.findIndex((x) => x.name === '');
      if (id < 0) return { ok: false, error: `no free strategy slot (${SPARE_SLOTS} spares; restart with the strategy in SYSTEM.yaml)` };
      const missing = s.instruments.filter((x) => !symbols.includes(x));
      if (missing.length > 0) return { ok: false, error: `the running market has no ${missing.join(', ')}` };
      try {
        slots[id].assign(strategyFromSpec(s, tmpl));
      } catch (err) {
        return { ok: false, error: (err as Error).message };
      }
      specs[id] = s;
      names[id] = s.name;
      counters.tickToTradeLabels[id].strategy = s.name;
      traded[id].length = 0;
      for (const x of s.instruments) traded[id].push(symbols.indexOf(x));
      const got = stages.add(id, s.name, stage, s.promotion, actor);
      applyStage(id, got);
      log.info({ event: 'strategy', strategy: s.name, stage: got, actor }, `strategy ${s.name} added (${got})`);
      return { ok: true, id };
    },
    killSwitch(engage, actor = 'api') {
      // one journaled kernel event (src/kernel/control.ts): the kill and its cancels, or the release
      const cancelled = Math.max(0, kernel.control(engage ? CTRL_KILL : CTRL_RELEASE, SCOPE_GLOBAL, 0));
      killed = gauges.killActive();
      log.warn({ event: 'kill_switch', active: engage, cancelled, actor }, engage ? `kill switch engaged by ${actor}: ${cancelled} orders cancelled` : `kill switch released by ${actor}`);
      emit({ type: 'kill', active: engage, cancelled, tsMs: wallMs() });
      return cancelled;
    },
    cancelAll,
    on(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    stop(reason = 'stop') {
      stopping ??= (async () => {
        clearLiveTimer(loop);
        clearLiveTimer(sampler);
        let cancelled = 0;
        if (spec.cancelOnExit) {
          for (let id = 0; id < slots.length; id++) cancelled += cancelAll(id);
          // the simulator and shadow ports answer at once; FIX answers come over the socket
          for (let i = 0; i < 50 && router.open > 0; i++) {
            kernel.poll();
            if (live !== null && router.open > 0) await new Promise<void>((r) => { const t = setLiveInterval(() => { clearLiveTimer(t); r(); }, 10); });
          }
          kernel.poll();
        }
        await app.close();
        if (receiver !== null) await receiver.close();
        if (live !== null) await live.stop();
        journal.sync();
        journal.close();
        stages.save();
        const temporary = spec.journal.temporary === true && opts.journalDir === undefined;
        if (temporary) rmSync(journalDir, { recursive: true, force: true });
        log.info({ event: 'stop', reason, cancelled, journal: temporary ? null : journal.path }, `hftbot stopped (${reason}); ${cancelled} open orders cancelled${temporary ? '; the demo\'s temporary journal folder was removed (--journal DIR keeps it)' : ''}`);
      })();
      return stopping;
    },
  };
  // the web API and dashboard (src/api), when built
  if (opts.api !== false) await mountApi(sys, log, opts.apiTokens);
  let addr: string;
  try {
    addr = await app.listen({ host, port: opts.port ?? spec.server.port });
  } catch (err) {
    await sys.stop('the HTTP server could not listen');
    throw new Error(`hftbot run: cannot listen on ${host}:${opts.port ?? spec.server.port}: ${(err as Error).message}`);
  }
  (sys as { url: string }).url = addr;
  log.info({
    event: 'start', url: addr, journal: journalDir, liveVenue: liveError ?? (spec.venue.kind === 'fix' ? spec.venue.settings : 'simulator FIX gateway'), startupMs: wallMs() - startedAtMs,
    strategies: stages.records.map((r) => ({ name: r.name, stage: r.stage })),
  }, `hftbot up at ${addr}`);
  return sys;
}

/** Mounts src/api over this system's backend, if the API module exists (it is optional at build time). */
async function mountApi(sys: RunningSystem, log: Logger, tokens: SystemOptions['apiTokens']): Promise<void> {
  const { mountSystemApi } = await import('./backend.js');
  try {
    await mountSystemApi(sys, tokens);
  } catch (err) {
    log.error({ event: 'api', error: (err as Error).message }, `web API not mounted: ${(err as Error).message}`);
  }
}

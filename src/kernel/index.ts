// Public entry of the kernel: buildKernel (the one numbered wiring function), the Kernel, the inbound
// ring and timers, journal records and replay, the simulator session, and the kernel benchmark.
export { buildKernel, type KernelConfig, type KernelPorts, type KernelStrategy } from './build.js';
export { Kernel } from './kernel.js';
export type { KernelParts } from './parts.js';
export { StrategyHost } from './host.js';
export { InboundRing, EV_FEED, EV_EXEC, EV_STATUS } from './ring.js';
export { TimerQueue } from './timers.js';
export { K_RECORD_BASE, K_START, K_FEED, K_EXEC, K_TIMERS, K_STATUS, K_RECON, K_CMDS, K_CTRL, K_SUBMIT, K_CANCEL, K_REPLACE, forEachCommand } from './records.js';
export type { ReconcileState } from './reconcile.js';
export { replayKernel, resumeKernel, type KernelReplay } from './replay.js';
export { simSession, type SimSession, type SimSessionOptions } from './sim-session.js';
export { benchKernel, type KernelBenchResult, type KernelBenchOptions } from './bench.js';
export { CTRL_KILL, CTRL_LIMITS, CTRL_RELEASE } from './control.js';

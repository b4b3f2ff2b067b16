// Public entry of the matching subsystem: the engine contract, the fast engine and its reference twin,
// configuration, ready-made sinks, the differential generator/campaign and the matching-v1 benchmark.
export * from './types.js';
export { usEquityConfig, validateConfig } from './config.js';
export type { EngineConfig, TickBand } from './config.js';
export { MatchingEngine } from './engine.js';
export type { MatchingEngineOptions } from './engine.js';
export { RefMatchingEngine } from './reference.js';
export { CountingSink, NullSink, RecordingSink, SinkEvent, firstLogDifference } from './sinks.js';
export { CmdKind, CommandGenerator, applyCommand, newCommand, profileConfig } from './generator.js';
export type { GeneratorProfile, MatchCommand } from './generator.js';
export { differentialCampaign } from './campaign.js';
export type { CampaignOptions, CampaignResult } from './campaign.js';
export { matchingV1Config, matchingV1Workload } from './workload.js';
export type { MatchingWorkload } from './workload.js';
export { benchMatching } from './bench.js';
export type { MatchingBenchOptions, MatchingBenchResult } from './bench.js';

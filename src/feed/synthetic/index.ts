export { generateItchDay, syntheticSymbols, type SyntheticDayOptions, type SyntheticSink } from './itch-day.js';
export { writeSyntheticItchFile } from './itch-sink.js';
export { dayMix, ITCH_DAY_12302019 } from './mix.js';

// Public entry of the FIX engine (FIX 4.2 / 4.4): codec, dictionaries and validation, sessions
// (acceptor and initiator), stores, transports, settings, the engine wiring, and the QuickFIX
// acceptance-test server and runner. Other subsystems import from here only.
export * from './codec/index.js';
export * from './dictionary/index.js';
export * from './session/index.js';
export * from './transport/index.js';
export { parseFixSettings, toSessionConfig, storeOptions, FixSettingsError } from './config.js';
export type { FixSessionSettings } from './config.js';
export { startFixEngine } from './engine.js';
export type { FixEngine } from './engine.js';
export { startTestServer } from './acceptance/server.js';
export type { TestServer, TestServerOptions } from './acceptance/server.js';
export { runScript, runScripts, expandScripts, scriptName } from './acceptance/runner.js';
export type { ScriptResult, RunOptions } from './acceptance/runner.js';
export { EchoApplication } from './acceptance/echo-app.js';
export { FillApplication } from './interop/fill-app.js';
export { benchFixCodec, benchFix } from './bench.js';
export type { FixCodecBench } from './bench.js';
export { benchFixRoundTrip } from './bench-rtt.js';

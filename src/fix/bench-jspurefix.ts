// The same decode workload through jspurefix (the pure-TypeScript FIX engine the issue compares
// against), for the ratio in `hftbot bench fix`. jspurefix is not a dependency of hftbot: it is
// loaded at run time when installed (npm i -D jspurefix) and the figure is null otherwise.
// Workload: parse a FIX 4.4 NewOrderSingle into jspurefix's MsgView and read the fields our bench
// reads (Price, OrderQty, Side, ClOrdID) through getTyped/getString. Set-up follows jspurefix's own
// src/benchmark/parse-bench.ts (session scope, ParseBuffer, AsciiParser.parseBuffer).

import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { monoNs } from '../clock/live.js';

interface MsgViewLike {
  getTyped(tag: number): unknown;
  getString(tag: number): string | null;
}

export interface JspurefixDecoder {
  version: string;
  /** Parses `message` n times; returns messages per second. */
  run(n: number): number;
}

/** Null when jspurefix cannot be loaded from `resolveFrom` (default: this module). */
export async function prepareJspurefixDecode(message: Buffer, resolveFrom?: string): Promise<JspurefixDecoder | null> {
  const req = createRequire(resolveFrom ?? import.meta.url);
  let pkgJson: string;
  try {
    pkgJson = req.resolve('jspurefix/package.json');
  } catch {
    return null;
  }
  req('reflect-metadata');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- an optional, untyped dependency
  const j: any = req('jspurefix');
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const scope: any = req('jspurefix/dist/runtime/session-scope');
  const root = dirname(pkgJson);
  const sys = new j.SessionContainer();
  sys.registerGlobal('error');
  const container = await sys.makeSystem(req(join(root, 'data', 'session', 'test-initiator.json')));
  const config = container.resolve(j.DITokens.IJsFixConfig);
  config.definitions = await new j.DefinitionFactory().getDefinitions('qf44');
  config.delimiter = 1;
  const scoped = scope.makeSessionScope(config);
  const c = scoped.sessionContainer;
  const parser = new j.AsciiParser(scoped, null, c.resolve(j.DITokens.ParseBuffer), c.resolve(j.DITokens.maxMessageLen));
  let n = 0;
  let sink = 0;
  parser.on('msg', (_t: string, view: MsgViewLike) => {
    n++;
    sink += (view.getTyped(44) as number) + (view.getTyped(38) as number) + (view.getString(54)?.length ?? 0) + (view.getString(11)?.length ?? 0);
  });
  const run = (messages: number): number => {
    n = 0;
    const t = monoNs();
    for (let i = 0; i < messages; i++) parser.parseBuffer(message);
    const dt = monoNs() - t;
    if (n !== messages || Number.isNaN(sink)) throw new Error(`jspurefix bench: ${n} of ${messages} messages parsed`);
    return Math.round((messages * 1e9) / dt);
  };
  run(20_000); // warm-up
  return { version: req(pkgJson).version as string, run };
}

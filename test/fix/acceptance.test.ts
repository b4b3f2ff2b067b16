// All 117 QuickFIX acceptance scripts (fix42 + fix44) against our test server, run as QuickFIX's
// runner does, sharded over several in-process servers so the heartbeat-timing scripts overlap.
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startTestServer } from '../../src/fix/acceptance/server.js';
import { expandScripts, runScripts, type RunOptions } from '../../src/fix/acceptance/runner.js';
import { liveSettle } from '../../src/fix/acceptance/settle.js';

const base = fileURLToPath(new URL('../../../shared/data/quickfix/', import.meta.url));

describe('QuickFIX acceptance scripts', () => {
  it('passes every fix42 and fix44 script', async () => {
    const files = expandScripts([`${base}definitions/fix42`, `${base}definitions/fix44`]);
    expect(files.length).toBe(117);
    // one of the four servers keeps its sessions in durable file stores
    const storeDir = mkdtempSync(join(tmpdir(), 'fix-acceptance-'));
    const servers = await Promise.all(Array.from({ length: 4 }, (_x, k) => startTestServer({ port: 0, specDir: `${base}spec`, storeDir: k === 0 ? storeDir : undefined })));
    try {
      const targets: RunOptions[] = servers.map((s) => ({ host: '127.0.0.1', port: s.port, settle: () => liveSettle(s) }));
      const results = await runScripts(files, targets);
      const failed = results.filter((r) => !r.pass).map((r) => `${r.name}: ${r.reason}`);
      expect(failed).toEqual([]);
      expect(results.filter((r) => r.pass).length).toBe(117);
    } finally {
      await Promise.all(servers.map((s) => s.close()));
      rmSync(storeDir, { recursive: true, force: true });
    }
  }, 170_000);
});

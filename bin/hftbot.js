#!/usr/bin/env node
// Entry point of the `hftbot` CLI: runs the compiled code in dist/ (built by `npm ci` via the prepare script).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
if (!existsSync(main)) {
  process.stderr.write('hftbot: dist/ is missing; run `npm run build` (npm ci does it for you)\n');
  process.exit(2);
}
const { run } = await import(main);
await run(process.argv);

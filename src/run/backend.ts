// placeholder, replaced below
import type { RunningSystem } from './system.js';
export async function mountSystemApi(_sys: RunningSystem): Promise<void> {}

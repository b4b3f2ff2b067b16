// Operator controls (the API's and the CLI's commands to a running kernel that change what it will do):
// each is one journaled CTRL event (./records.ts), applied at the event's time and replayed alike, so a
// journal that saw a manual kill switch or new limits replays to the same state hash. Cold path.
//   CTRL_KILL     engage the kill switch of a scope (SCOPE_GLOBAL, or a strategy / account id): new
//                 orders are refused and the scope's working orders are cancelled inside the same event
//                 (the cancels are the event's commands); returns the cancels sent
//   CTRL_RELEASE  release it; returns 0
//   CTRL_LIMITS   new risk limits for a strategy or account (the RiskLimits as JSON): RiskEngine.setLimits;
//                 returns 0, or -1 when the limits do not validate (nothing changes then)

import { SCOPE_GLOBAL, SCOPE_STRATEGY, SCOPE_ACCOUNT, type RiskLimits } from '../risk/index.js';
import type { Kernel } from './kernel.js';

export const CTRL_KILL = 1;
export const CTRL_RELEASE = 2;
export const CTRL_LIMITS = 3;

/** Applies one control inside its event; returns the action's result (see the header), or -1 when refused. */
export function applyControl(k: Kernel, action: number, scopeKind: number, id: number, json: string): number {
  if (scopeKind !== SCOPE_GLOBAL && scopeKind !== SCOPE_STRATEGY && scopeKind !== SCOPE_ACCOUNT) return -1;
  if (scopeKind === SCOPE_STRATEGY && !(id >= 0 && id < k.risk.nStrategies)) return -1;
  if (scopeKind === SCOPE_ACCOUNT && !(id >= 0 && id < k.risk.nAccounts)) return -1;
  switch (action) {
    case CTRL_KILL: {
      k.risk.kill(scopeKind, id);
      const before = k.commands;
      k.onKill(scopeKind, scopeKind === SCOPE_GLOBAL ? 0 : id);
      k.runKillQueue();
      return k.commands - before;
    }
    case CTRL_RELEASE:
      k.risk.release(scopeKind, id);
      return 0;
    case CTRL_LIMITS:
      if (scopeKind === SCOPE_GLOBAL) return -1;
      try {
        k.risk.setLimits(scopeKind, id, JSON.parse(json) as RiskLimits);
        return 0;
      } catch {
        return -1;
      }
    default:
      return -1;
  }
}

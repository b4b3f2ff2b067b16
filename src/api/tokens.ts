// API tokens and roles. Roles are ordered viewer < trader < admin: a route names the lowest role it
// needs. Tokens come from the run configuration or the environment (the CLI reads them and passes the
// list in: nothing here reads process.env). Without any, `hftbot run` uses DEMO_TOKENS and prints them
// at startup: fine on 127.0.0.1 for a local demo, never for a server others can reach.

import type { Role } from './backend.js';

export interface ApiToken {
  /** Who the token belongs to (written to the audit log). */
  name: string;
  role: Role;
  token: string;
}

export const ROLE_RANK: Readonly<Record<Role, number>> = { viewer: 0, trader: 1, admin: 2 };

export function hasRole(have: Role, need: Role): boolean {
  return ROLE_RANK[have] >= ROLE_RANK[need];
}

/** The local demo's tokens (documented in the README; printed by `hftbot run` when it uses them). */
export const DEMO_TOKENS: readonly ApiToken[] = [
  { name: 'demo-viewer', role: 'viewer', token: 'viewer-demo-token' },
  { name: 'demo-trader', role: 'trader', token: 'trader-demo-token' },
  { name: 'demo-admin', role: 'admin', token: 'admin-demo-token' },
];

/**
 * Parses `name:role:token` entries separated by commas or whitespace (the HFTBOT_API_TOKENS variable's
 * format). Returns the tokens or an error naming the bad entry.
 */
export function parseTokens(text: string): { ok: true; tokens: ApiToken[] } | { ok: false; error: string } {
  const tokens: ApiToken[] = [];
  for (const entry of text.split(/[\s,]+/).filter((s) => s !== '')) {
    const parts = entry.split(':');
    if (parts.length !== 3) return { ok: false, error: `token entry "${entry}": expected name:role:token` };
    const [name, role, token] = parts;
    if (role !== 'viewer' && role !== 'trader' && role !== 'admin') return { ok: false, error: `token entry "${name}": role must be viewer, trader or admin, got "${role}"` };
    if (token.length < 8) return { ok: false, error: `token entry "${name}": the token must be at least 8 characters` };
    if (tokens.some((t) => t.token === token)) return { ok: false, error: `token entry "${name}": the same token is given twice` };
    tokens.push({ name, role, token });
  }
  if (tokens.length === 0) return { ok: false, error: 'no tokens given' };
  return { ok: true, tokens };
}

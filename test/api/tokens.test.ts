import { expect, test } from 'vitest';
import { DEMO_TOKENS, hasRole, parseTokens } from '../../src/api/tokens.js';

test('roles are ordered viewer < trader < admin', () => {
  expect(hasRole('admin', 'trader')).toBe(true);
  expect(hasRole('trader', 'trader')).toBe(true);
  expect(hasRole('trader', 'admin')).toBe(false);
  expect(hasRole('viewer', 'trader')).toBe(false);
});

test('parseTokens reads name:role:token lists and names the bad entry', () => {
  const r = parseTokens('ops:admin:s3cret-admin-1, desk:trader:desk-token-22\nwall:viewer:wall-screen-3');
  expect(r).toEqual({ ok: true, tokens: [
    { name: 'ops', role: 'admin', token: 's3cret-admin-1' },
    { name: 'desk', role: 'trader', token: 'desk-token-22' },
    { name: 'wall', role: 'viewer', token: 'wall-screen-3' },
  ] });
  expect(parseTokens('ops:root:s3cret-admin-1')).toEqual({ ok: false, error: expect.stringContaining('role must be viewer, trader or admin, got "root"') });
  expect(parseTokens('ops:admin')).toEqual({ ok: false, error: expect.stringContaining('expected name:role:token') });
  expect(parseTokens('ops:admin:short')).toEqual({ ok: false, error: expect.stringContaining('at least 8') });
  expect(parseTokens('a:admin:same-token-1 b:viewer:same-token-1')).toEqual({ ok: false, error: expect.stringContaining('twice') });
  expect(parseTokens('  ').ok).toBe(false);
});

test('the demo tokens cover each role once', () => {
  expect(DEMO_TOKENS.map((t) => t.role).sort()).toEqual(['admin', 'trader', 'viewer']);
  expect(new Set(DEMO_TOKENS.map((t) => t.token)).size).toBe(3);
});

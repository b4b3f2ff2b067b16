// `hftbot exchange` configuration: defaults, per-client policies merged over the defaults, and errors
// located at file:line:col.
import { describe, expect, it } from 'vitest';
import { ExchangeConfigError, parseExchangeConfig } from '../../src/exchange/config.js';

describe('exchange config', () => {
  it('defaults to the documented endpoints and policies', () => {
    const c = parseExchangeConfig('', '/tmp/x/exchange.yaml');
    expect(c.fix).toEqual({ host: '127.0.0.1', port: 9878, compId: 'EXCH', allowedCompIds: null, dictionary: null, maxLatencySec: 120 });
    expect(c.marketData).toEqual({ host: '127.0.0.1', port: 9900, requestPort: 9901, session: 'HFTBOT0001', record: true });
    expect(c.synthetic.enabled).toBe(true);
    expect(c.dataDir).toBe('/tmp/x/data/exchange');
    expect(c.instruments).toBeNull();
    expect(c.policy('ANY')).toEqual({ firm: null, selfMatch: 'none', cancelOnDisconnect: true, maxOrderQty: 0, throttle: { windowMs: 1000, rejectAbove: 500, disconnectAbove: 1000 } });
  });

  it('merges a client entry over the defaults and resolves paths against the file', () => {
    const c = parseExchangeConfig([
      'fix:',
      '  compId: VENUE',
      '  allowedCompIds: [A, B]',
      '  dictionary: spec/FIX44.xml',
      'sessions:',
      '  defaults: { cancelOnDisconnect: false, throttle: { rejectAbove: 10, disconnectAbove: 20 } }',
      '  clients:',
      '    A: { firm: ACME, selfMatch: cancel-both, throttle: { windowMs: 500 } }',
    ].join('\n'), '/etc/hft/exchange.yaml');
    expect(c.fix.compId).toBe('VENUE');
    expect(c.fix.allowedCompIds).toEqual(['A', 'B']);
    expect(c.fix.dictionary).toBe('/etc/hft/spec/FIX44.xml');
    expect(c.policy('A')).toEqual({ firm: 'ACME', selfMatch: 'cancel-both', cancelOnDisconnect: false, maxOrderQty: 0, throttle: { windowMs: 500, rejectAbove: 10, disconnectAbove: 20 } });
    expect(c.policy('B').firm).toBeNull();
    expect(c.policy('B').throttle.windowMs).toBe(1000);
  });

  it('reports errors at file:line:col', () => {
    const err = (text: string) => {
      try {
        parseExchangeConfig(text, 'ex.yaml');
      } catch (e) {
        expect(e).toBeInstanceOf(ExchangeConfigError);
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(err('fix:\n  port: 99999\n')).toMatch(/^ex\.yaml:2:9: fix\.port: /);
    expect(err('fix:\n  prot: 1\n')).toMatch(/^ex\.yaml:2:9: fix: .*prot/);
    expect(err('sessions:\n  clients:\n    A: { selfMatch: sometimes }\n')).toMatch(/^ex\.yaml:3:21: sessions\.clients\.A\.selfMatch: /);
    expect(err('instruments:\n  - { symbol: AAPL, startPrice: 1 }\n  - { symbol: AAPL, startPrice: 2 }\n')).toMatch(/^ex\.yaml:3:15: instruments\.1\.symbol: duplicate symbol AAPL$/);
    expect(err('sessions:\n  defaults: { throttle: { rejectAbove: 50, disconnectAbove: 10 } }\n')).toMatch(/^ex\.yaml:2:25: .*disconnectAbove must be >= rejectAbove/);
    expect(err('fix: [1, 2\n')).toMatch(/^ex\.yaml:\d+:\d+: /);
  });
});

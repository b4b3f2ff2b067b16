import { describe, expect, it } from 'vitest';
import { parseFixSettings, toSessionConfig, storeOptions, FixSettingsError } from '../../src/fix/config.js';
import { dict44 } from './harness.js';

const good = `
default:
  ConnectionType: acceptor
  SenderCompID: ISLD
  SocketAcceptPort: 5001
  ResetOnLogon: Y
  DataDictionary: spec/FIX44.xml
  FileStorePath: store
sessions:
  - BeginString: FIX.4.4
    TargetCompID: TW44
    StartTime: "08:00:00"
    EndTime: "17:30:00"
  - BeginString: FIX.4.4
    TargetCompID: TW
    UseDataDictionary: N
    FsyncPolicy: every
`;

describe('FIX settings (YAML)', () => {
  it('merges defaults, converts QuickFIX keys, resolves paths against the file', () => {
    const s = parseFixSettings(good, '/etc/hft/fix.yaml');
    expect(s).toHaveLength(2);
    expect(s[0].DataDictionary).toBe('/etc/hft/spec/FIX44.xml');
    const cfg = toSessionConfig(s[0], () => dict44);
    expect([cfg.beginString, cfg.senderCompId, cfg.targetCompId, cfg.initiator, cfg.resetOnLogon, cfg.heartBtInt]).toEqual(['FIX.4.4', 'ISLD', 'TW44', false, true, 30]);
    expect(cfg.schedule).toEqual({ startSec: 8 * 3600, endSec: 17 * 3600 + 1800 });
    expect(cfg.dictionary).toBe(dict44);
    expect(toSessionConfig(s[1], () => dict44).dictionary).toBeNull();
    expect(storeOptions(s[1])).toEqual({ dir: '/etc/hft/store', name: 'FIX.4.4-ISLD-TW', fsync: 'every' });
  });

  it('reports errors with file:line:column', () => {
    const bad = good.replace('TargetCompID: TW44', 'TargetCompID: TW44\n    HeartBtInt: fast');
    expect(() => parseFixSettings(bad, 'fix.yaml')).toThrow(FixSettingsError);
    expect(() => parseFixSettings(bad, 'fix.yaml')).toThrow(/^fix\.yaml:12:17: sessions\[0\]\.HeartBtInt/);
    expect(() => parseFixSettings(good.replace('ResetOnLogon: Y', 'ResetOnLogn: Y'), 'f.yaml')).toThrow(/^f\.yaml:\d+:\d+: sessions\[0\]/);
    expect(() => parseFixSettings('sessions: [ {BeginString: FIX.4.4', 'x.yaml')).toThrow(/^x\.yaml:1:\d+:/);
    expect(() => parseFixSettings(good.replace('EndTime: "17:30:00"', 'EndTime: "5pm"'), 'f.yaml')).toThrow(/f\.yaml:13:14: sessions\[0\]\.EndTime: expected HH:MM:SS/);
  });
});

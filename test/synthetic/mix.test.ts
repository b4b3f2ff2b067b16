import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ITCH_DAY_12302019, dayMix } from '../../src/feed/synthetic/mix.js';

const counts = new URL('../../../shared/data/counts/itch50_12302019_counts.csv', import.meta.url);

describe('synthetic day mix', () => {
  it('copies the real day counts exactly', () => {
    const rows = readFileSync(counts, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const get = (metric: string) => Number(rows.find((r) => r[0] === '12302019.NASDAQ_ITCH50' && r[1] === metric)![2]);
    expect(ITCH_DAY_12302019.total).toBe(get('total_messages'));
    expect(ITCH_DAY_12302019.addOrders).toBe(get('add_orders_A_plus_F'));
    expect(ITCH_DAY_12302019.executions).toBe(get('executions_E_plus_C'));
    expect(ITCH_DAY_12302019.cancels).toBe(get('cancels_X'));
    expect(ITCH_DAY_12302019.deletes).toBe(get('deletes_D'));
    expect(ITCH_DAY_12302019.replaces).toBe(get('replaces_U'));
  });

  it('shares sum to one', () => {
    const m = dayMix();
    const sum = m.add + m.execute + m.cancel + m.delete + m.replace + m.trade + m.noii + m.cross;
    expect(sum).toBeCloseTo(1, 12);
    expect(m.add).toBeCloseTo(0.4414, 3);
    expect(m.delete).toBeCloseTo(0.4255, 3);
  });
});

import { describe, expect, it } from 'vitest';
import { memoryCounter } from './failure-counter.ts';

describe('failures counted over a window', () => {
  it('add up within the window and start again after it', async () => {
    let now = 0;
    const counter = memoryCounter(() => now);
    expect(await counter.add('10.0.0.1', 1000)).toBe(1);
    now = 500;
    expect(await counter.add('10.0.0.1', 1000)).toBe(2);
    expect(await counter.count('10.0.0.2')).toBe(0);
    now = 999;
    expect(await counter.count('10.0.0.1')).toBe(2);
    now = 1000;
    expect(await counter.count('10.0.0.1')).toBe(0);
    expect(await counter.add('10.0.0.1', 1000)).toBe(1);
  });
});

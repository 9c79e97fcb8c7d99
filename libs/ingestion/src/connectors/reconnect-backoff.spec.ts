import { reconnectDelayMs } from './reconnect-backoff.js';

describe('reconnectDelayMs', () => {
  const options = { initialMs: 100, maxMs: 5_000, factor: 2 };

  it('grows exponentially with the attempt number', () => {
    expect(reconnectDelayMs(0, options, () => 1)).toBe(100);
    expect(reconnectDelayMs(1, options, () => 1)).toBe(200);
    expect(reconnectDelayMs(4, options, () => 1)).toBe(1_600);
  });

  it('never exceeds the ceiling however long the outage', () => {
    expect(reconnectDelayMs(50, options, () => 1)).toBe(5_000);
  });

  it('jitters between half the initial delay and the bound', () => {
    expect(reconnectDelayMs(3, options, () => 0)).toBe(50);
    const d = reconnectDelayMs(3, options, () => 0.5);
    expect(d).toBeGreaterThan(50);
    expect(d).toBeLessThan(800);
  });
});

import { canTransition, reasonsEditBreaksPromise } from './campaign-edit-rules.js';

const now = new Date('2026-01-10T00:00:00Z');
const live = { status: 'active' as const, claimedCount: 5, perkKind: 'code' as const, claimDeadline: new Date('2026-02-01T00:00:00Z'), perkVariants: [] };

describe('campaign edit rules', () => {
  it('refuses fewer units than already claimed, with the numbers', () => {
    expect(reasonsEditBreaksPromise(live, { quantity: 4 }, now)).toEqual(['quantity 4 is below the 5 units already claimed']);
    expect(reasonsEditBreaksPromise(live, { quantity: 5 }, now)).toEqual([]);
  });

  it('refuses a deadline in the past once live, but not in a draft', () => {
    const past = new Date('2026-01-01T00:00:00Z');
    expect(reasonsEditBreaksPromise(live, { claimDeadline: past }, now)[0]).toMatch(/past/);
    expect(reasonsEditBreaksPromise({ ...live, status: 'draft', claimedCount: 0 }, { claimDeadline: past }, now)).toEqual([]);
    expect(reasonsEditBreaksPromise(live, { claimDeadline: new Date('2026-01-20T00:00:00Z') }, now)).toEqual([]);
  });

  it('knows the state machine', () => {
    expect(canTransition('draft', 'active')).toBe(true);
    expect(canTransition('ended', 'active')).toBe(false);
    expect(canTransition('paused', 'active')).toBe(true);
  });
});

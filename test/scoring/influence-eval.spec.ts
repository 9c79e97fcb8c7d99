import { jest } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { evalScoreCommand } from '../../apps/cli/src/commands/eval-score.command.js';

/* `npm run eval:score -- <file>` on a synthetic file in the PeerIndex format: the AUC is the last line. */
describe('eval:score', () => {
  it('prints the pairwise AUC of the shipped score as its last line (and k-fold when asked)', async () => {
    const file = fileURLToPath(new URL('../fixtures/scoring/peerindex-synthetic.csv', import.meta.url));
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((line: string) => void lines.push(line));
    try {
      await evalScoreCommand.parseAsync(['node', 'eval-score', file, '--kfold', '4']);
    } finally {
      log.mockRestore();
    }
    expect(lines).toContain('pairs: 40');
    // Mean, spread over the folds and every fold's AUC.
    expect(lines.some((l) => /^k-fold \(4\) held-out AUC: 0\.\d{4} \(sd 0\.\d{4} over folds; folds( [01]\.\d{4}){4}\)$/.test(l))).toBe(true);
    const last = lines[lines.length - 1];
    expect(last).toMatch(/^AUC: \d\.\d{4}$/);
    // The synthetic judgments follow account size: the score must rank clearly better than chance.
    expect(Number(last.slice(5))).toBeGreaterThan(0.75);
  });
});

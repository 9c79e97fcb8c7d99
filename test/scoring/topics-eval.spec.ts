import { jest } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { evalTopicsCommand } from '../../apps/cli/src/commands/eval-topics.command.js';

const sample = fileURLToPath(new URL('../fixtures/topics/tweet-topic-sample.jsonl', import.meta.url));

describe('npm run eval:topics', () => {
  it('classifies labelled tweets and prints per-label precision/recall, then micro-F1 and macro-F1 last', async () => {
    const lines: string[] = [];
    const log = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    try {
      await evalTopicsCommand.parseAsync(['node', 'eval-topics', sample]);
    } finally {
      log.mockRestore();
    }
    expect(lines[0]).toBe('20 tweets from tweet-topic-sample.jsonl');
    const perLabel = lines.filter((l) => /^[a-z_&]+\s+\d+\s+\d+\s+[\d.]+\s+[\d.]+$/.test(l));
    expect(perLabel).toHaveLength(19);
    expect(lines[lines.length - 2]).toMatch(/^micro-F1 0\.\d{3}$/);
    expect(lines[lines.length - 1]).toMatch(/^macro-F1 0\.\d{3}$/);
    // Something is right on held-out tweets (well above zero), without pretending to a fixed figure.
    expect(Number(lines[lines.length - 2].split(' ')[1])).toBeGreaterThan(0.1);
  });
});

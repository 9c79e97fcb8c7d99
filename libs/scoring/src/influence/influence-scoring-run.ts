import { logger } from '@renown/core';
import { pagerankParallel } from '../graph/pagerank-parallel.js';
import { buildCalibration, percentileOnCalibration, scoreFromPercentile } from './calibrate-score.js';
import { buildEngagementGraph, computeInfluenceFromRanks, type EngagementGraph, type ScoringInput, TOP_ENGAGERS } from './compute-influence-run.js';
import { computeRawInfluence, INFLUENCE_MODEL_VERSION } from './compute-influence-score.js';
import type { InfluenceSignals } from './influence-signals.js';
import { contributionValue, fourSignificant, signalValues, SNAPSHOT_CONTRIBUTIONS, SNAPSHOT_SIGNAL_FIELDS } from './snapshot-columns.js';
import type { InfluenceScoreStore } from './influence-score.store.js';
import type { PersonSnapshotRow, SnapshotRow } from './score-snapshot-rows.js';

export interface ScoringRunOptions {
  trigger: 'schedule' | 'accounts-touched' | 'manual' | 'bench';
  /** The run's date (the window ends here). Defaults to now. */
  asOf?: Date;
  /** PageRank worker threads (1 = inline). */
  threads?: number;
  /** Receives the engagement graph (the bench reuses it to compare PageRank implementations). */
  onGraph?: (graph: EngagementGraph, input: ScoringInput) => void;
  /** Called as each stage begins, and with 'done' at the end (the bench samples the database's CPU per stage). */
  onStage?: (stage: string) => void;
}

export interface ScoringRunReport {
  runId: string;
  day: string;
  /** The instant the window ended (ISO); the topics step that follows uses the same one. */
  asOf: string;
  accountsScored: number;
  pairs: number;
  pagerankIterations: number;
  /** Milliseconds per stage, in order (wall clock). */
  stageTimings: Record<string, number>;
  /** CPU milliseconds of this process per stage (all its threads; the database server's work is not in it). */
  stageCpu: Record<string, number>;
  peakRssMb: number;
}

/** Accounts scored per network, kept with the run's calibration (each network is calibrated on its own). */
function networkPopulations(input: ScoringInput): Record<string, number> {
  const names = input.networkNames ?? [];
  const counts = new Array<number>(Math.max(1, names.length)).fill(0);
  for (let i = 0; i < input.accountCount; i++) counts[input.network?.[i] ?? 0]++;
  return Object.fromEntries(names.map((name, k) => [name, counts[k]]));
}

/**
 * One full scoring run: read (set-based SQL), build the graph, PageRank, score, calibrate, write snapshots.
 * Progress and per-stage timings go to `scoring_runs` as it goes, so the UI can show where it is.
 */
export class InfluenceScoringRun {
  constructor(private readonly store: InfluenceScoreStore) {}

  async execute(options: ScoringRunOptions): Promise<ScoringRunReport> {
    const asOf = options.asOf ?? new Date();
    const day = asOf.toISOString().slice(0, 10);
    const runId = await this.store.startRun(INFLUENCE_MODEL_VERSION, day, options.trigger);
    const timings: Record<string, number> = {};
    const cpu: Record<string, number> = {};
    let cpuStart = process.cpuUsage();
    const cpuMs = () => {
      const d = process.cpuUsage(cpuStart);
      return Math.round((d.user + d.system) / 1000);
    };
    let peakRss = process.memoryUsage().rss;
    let stage = 'starting';
    let stageStart = performance.now();
    const STAGES = ['load-accounts', 'load-posts', 'load-interactions', 'aggregate-interactions', 'build-graph', 'pagerank', 'score', 'persons', 'write'];
    const enter = async (next: string) => {
      timings[stage] = Math.round(performance.now() - stageStart);
      cpu[stage] = cpuMs();
      cpuStart = process.cpuUsage();
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      stage = next;
      options.onStage?.(next);
      stageStart = performance.now();
      await this.store.updateRun(runId, { stage: next, progress: STAGES.indexOf(next) / STAGES.length, stageTimings: timings });
    };
    try {
      const input = await this.store.loadInput(asOf, enter);
      await enter('build-graph');
      const threads = options.threads ?? 2;
      const eg = buildEngagementGraph(input, { shared: threads > 1 });
      options.onGraph?.(eg, input);
      await enter('pagerank');
      const pr = await pagerankParallel(eg.graph, { restart: eg.restart, threads, tolerance: 1e-7 * Math.max(1, input.accountCount / 1000) });
      await enter('score');
      const result = computeInfluenceFromRanks(input, eg, pr.ranks);
      const calibration = { ...buildCalibration(result.raw), networks: networkPopulations(input) };

      await enter('persons');
      // A person's score: on one network, the signals of their linked accounts added up, placed on the same day's
      // account calibration so person and account scores compare; across networks, their strongest account's place.
      const members = new Map<number, number[]>();
      for (let i = 0; i < input.accountCount; i++) if (input.person[i] >= 0) (members.get(input.person[i]) ?? members.set(input.person[i], []).get(input.person[i])!).push(i);
      const persons: PersonSnapshotRow[] = [];
      for (const [p, idx] of members) {
        const linked = idx.map((i) => result.account(i).signals);
        const sum = (f: (s: InfluenceSignals) => number) => linked.reduce((acc, s) => acc + f(s), 0);
        const combined: InfluenceSignals = {
          followers: sum((s) => s.followers),
          following: sum((s) => s.following),
          listed: sum((s) => s.listed),
          botFollowerShare: sum((s) => s.botFollowerShare * s.followers) / Math.max(1, sum((s) => s.followers)),
          postsInWindow: sum((s) => s.postsInWindow),
          engagementsReceived: {
            reposts: sum((s) => s.engagementsReceived.reposts),
            quotes: sum((s) => s.engagementsReceived.quotes),
            replies: sum((s) => s.engagementsReceived.replies),
            likes: sum((s) => s.engagementsReceived.likes),
          },
          distinctEngagers: sum((s) => s.distinctEngagers),
          networkStanding: sum((s) => s.networkStanding),
        };
          // Accounts on several networks: placed by the strongest account's own-network percentile (network-scales.ts).
        const networks = new Set(idx.map((i) => input.network?.[i] ?? 0));
        const best = networks.size > 1
          ? idx.reduce((b, i) => (result.percentile[i] > result.percentile[b] ? i : b), idx[0])
          : idx.reduce((b, i) => (result.raw[i] > result.raw[b] ? i : b), idx[0]);
        const percentile = networks.size > 1 ? result.percentile[best] : percentileOnCalibration(computeRawInfluence(combined).raw, calibration);
        persons.push({ personId: input.personIds[p], score: scoreFromPercentile(percentile), percentile, accountIds: idx.map((i) => String(input.accountIds[i])), bestAccountId: String(input.accountIds[best]) });
      }

      await enter('write');
      const accountIds = input.accountIds;
      const C = SNAPSHOT_CONTRIBUTIONS.length;
      const rows = function* (from: number, to: number): Generator<SnapshotRow> {
        // One row object per range, refilled per account (the store encodes it before asking for the next).
        const row: SnapshotRow = {
          accountId: 0,
          score: 0,
          percentile: 0,
          reach: 0,
          amplification: 0,
          network: 0,
          raw: 0,
          signals: new Float64Array(SNAPSHOT_SIGNAL_FIELDS.length),
          contributions: new Float64Array(C),
          topEngagerIds: new Float64Array(TOP_ENGAGERS),
          topEngagerWeights: new Float64Array(TOP_ENGAGERS),
          topEngagerCount: 0,
        };
        const signals = row.signals as Float64Array;
        const contributions = row.contributions as Float64Array;
        const engagerIds = row.topEngagerIds as Float64Array;
        const engagerWeights = row.topEngagerWeights as Float64Array;
        for (let i = from; i < to; i++) {
          row.accountId = accountIds[i];
          row.score = result.score[i];
          row.percentile = result.percentile[i];
          row.reach = result.subScores.reach[i];
          row.amplification = result.subScores.amplification[i];
          row.network = result.subScores.network[i];
          row.raw = result.raw[i];
          signalValues(result.signals(i), signals);
          for (let k = 0; k < C; k++) contributions[k] = contributionValue(result.contributions[i * C + k]);
          let count = 0;
          for (let k = 0; k < TOP_ENGAGERS; k++) {
            const e = result.topEngagers[i * TOP_ENGAGERS + k];
            if (e >= 0) {
              engagerIds[count] = accountIds[e];
              // Four significant digits, as the explanation shows them.
              engagerWeights[count] = fourSignificant(result.topEngagerWeights[i * TOP_ENGAGERS + k]);
              count++;
            }
          }
          row.topEngagerCount = count;
          yield row;
        }
      };
      await this.store.writeSnapshots(runId, INFLUENCE_MODEL_VERSION, day, { count: input.accountCount, rows }, persons);
      timings[stage] = Math.round(performance.now() - stageStart);
      cpu[stage] = cpuMs();
      options.onStage?.('done');
      peakRss = Math.max(peakRss, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024);
      await this.store.finishRun(runId, { status: 'succeeded', accountsScored: input.accountCount, calibration, stageTimings: timings });
      logger.info({ runId, accounts: input.accountCount, pairs: input.pairs.length, timings }, 'scoring run done');
      return {
        runId,
        day,
        asOf: asOf.toISOString(),
        accountsScored: input.accountCount,
        pairs: input.pairs.length,
        pagerankIterations: pr.iterations,
        stageTimings: timings,
        stageCpu: cpu,
        peakRssMb: Math.round(peakRss / 2 ** 20),
      };
    } catch (err) {
      await this.store.finishRun(runId, { status: 'failed', error: String(err?.message ?? err) }).catch(() => undefined);
      throw err;
    }
  }
}

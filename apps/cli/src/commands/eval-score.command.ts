import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { evaluatePairwise, fitInfluenceNetwork, INFLUENCE_MODEL_VERSION, kFoldAuc, networkPairs, parsePeerIndexJudgments } from '@renown/scoring';

/**
 * `npm run eval:score -- <file.csv>`: pairwise judgments (PeerIndex format) scored with the shipped function;
 * the last line is the AUC. Tuning only: `--kfold N` also fits the model on N-1 folds and reports the
 * held-out AUC; `--fit` prints the model fitted on the whole file as the constants of influence-network-v2.ts
 * (the shipped score never fits anything at eval time).
 */
export const evalScoreCommand = new Command('eval-score')
  .description('pairwise AUC of the shipped influence score on human judgments (PeerIndex CSV format)')
  .argument('<file>', 'CSV with Choice,A_follower_count,...,B_network_feature_3')
  .option('--kfold <n>', 'also report k-fold AUC of the model fitted on the other folds (tuning)')
  .option('--fit', 'print the model fitted on the whole file (TypeScript constants)')
  .action((file: string, opts: { kfold?: string; fit?: boolean }) => {
    const judgments = parsePeerIndexJudgments(readFileSync(file, 'utf8'));
    console.log(`model ${INFLUENCE_MODEL_VERSION}`);
    const result = evaluatePairwise(judgments);
    console.log(`pairs: ${result.pairs}`);
    console.log(`baseline AUC (listed count alone): ${result.listedOnlyAuc.toFixed(4)}`);
    console.log(`raw composite AUC (before calibration): ${result.rawAuc.toFixed(4)}`);
    if (opts.kfold) {
      const k = Number(opts.kfold);
      const cv = kFoldAuc(judgments, k);
      console.log(`k-fold (${k}) held-out AUC: ${cv.mean.toFixed(4)} (sd ${cv.sd.toFixed(4)} over folds; folds ${cv.folds.map((f) => f.toFixed(4)).join(' ')})`);
    }
    if (opts.fit) {
      const net = fitInfluenceNetwork(networkPairs(judgments));
      const r = (x: number) => Number(x.toPrecision(6));
      console.log(
        `export const INFLUENCE_NETWORK_V2: InfluenceNetwork = ${JSON.stringify({
          mean: net.mean.map(r),
          scale: net.scale.map(r),
          hidden: net.hidden.map((h) => ({ w: h.w.map(r), b: r(h.b), out: r(h.out) })),
          linear: net.linear.map(r),
        })};`,
      );
    }
    console.log(`AUC: ${result.auc.toFixed(4)}`);
  });

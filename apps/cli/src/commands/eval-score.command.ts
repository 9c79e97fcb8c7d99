import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { evaluatePairwise, INFLUENCE_MODEL_VERSION, INFLUENCE_PARAMETERS_V1, kFoldAuc, parsePeerIndexJudgments } from '@renown/scoring';

/**
 * `npm run eval:score -- <file.csv>`: pairwise judgments (PeerIndex format) scored with the shipped function;
 * the last line is the AUC. `--kfold N` is for tuning: it also fits the weights on N-1 folds and reports the
 * held-out AUC (the shipped score never fits anything at eval time).
 */
export const evalScoreCommand = new Command('eval-score')
  .description('pairwise AUC of the shipped influence score on human judgments (PeerIndex CSV format)')
  .argument('<file>', 'CSV with Choice,A_follower_count,...,B_network_feature_3')
  .option('--kfold <n>', 'also report k-fold AUC of weights fitted on the other folds (tuning)')
  .action((file: string, opts: { kfold?: string }) => {
    const judgments = parsePeerIndexJudgments(readFileSync(file, 'utf8'));
    console.log(`model ${INFLUENCE_MODEL_VERSION}, weights ${JSON.stringify(INFLUENCE_PARAMETERS_V1.weights)}`);
    const result = evaluatePairwise(judgments);
    console.log(`pairs: ${result.pairs}`);
    console.log(`baseline AUC (listed count alone): ${result.listedOnlyAuc.toFixed(4)}`);
    console.log(`raw composite AUC (before calibration): ${result.rawAuc.toFixed(4)}`);
    if (opts.kfold) {
      const k = Number(opts.kfold);
      const fixed = { amplificationPerPost: INFLUENCE_PARAMETERS_V1.weights.amplificationPerPost, distinctEngagers: INFLUENCE_PARAMETERS_V1.weights.distinctEngagers };
      const cv = kFoldAuc(judgments, k, fixed);
      console.log(`k-fold (${k}) held-out AUC: ${cv.mean.toFixed(4)} (folds ${cv.folds.map((f) => f.toFixed(4)).join(' ')})`);
      console.log(`weights fitted on the whole file: ${JSON.stringify(Object.fromEntries(Object.entries(cv.full).map(([n, w]) => [n, Number(w.toFixed(3))])))}`);
    }
    console.log(`AUC: ${result.auc.toFixed(4)}`);
  });

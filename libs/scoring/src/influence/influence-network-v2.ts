import type { InfluenceNetwork } from './influence-network.js';

/**
 * The fitted constants of model influence-v2 (inputs in NETWORK_INPUTS order). Fitted with
 * `npm run eval:score -- <PeerIndex calibration.csv> --fit` (the Kaggle PeerIndex judgments) (8 hidden units,
 * L2 1, 3 seeds averaged, 3,000 Adam steps); units whose output weight the fit drove to zero (< 0.001)
 * are left out, which changes no score. 5-fold held-out AUC of the same procedure: 0.8596.
 */
export const INFLUENCE_NETWORK_V2: InfluenceNetwork = {
  mean: [10.2709, 6.48387, 5.05434, 3.144, 4.23259, 6.95814, 1.57685],
  scale: [3.18461, 2.69172, 2.97497, 2.27135, 2.87353, 2.16787, 1.14666],
  hidden: [
    {w: [0, 1.68831, 0, 0, 0, 0, -1.06291], b: 2.53819, out: 0.32917},
    {w: [0, 0, 1.66256, 0.935342, 0.633945, 0, -0.661305], b: -0.0927721, out: 0.164487},
    {w: [0.698231, 0, 0.876683, 0, 0, -1.61139, 0.498097], b: 3.16366, out: 0.207303},
    {w: [0.0711418, 0, 0, 0, 0, 0, 0.772501], b: 0.274898, out: 0.346212},
    {w: [0.743332, 0, 0.469714, 0, 0, -1.46401, 0.446305], b: 2.71267, out: 0.200918},
    {w: [0.904308, 0, 0.467546, 0, 0, 0, 0.959956], b: 2.99911, out: 0.324135},
    {w: [0, 1.40989, 0, 0, 0, 0, -1.07639], b: 2.65483, out: 0.479407},
    {w: [0.592719, 0.257772, 0.0539226, 0, 0, 0, 1.28407], b: -0.440399, out: 0.212909},
    {w: [0, 0.00305013, 1.71523, 1.11467, 0.709328, 0, -0.687443], b: -0.166748, out: 0.171216},
    {w: [0.643793, 0, 0, 0, 0, 0, 0.392292], b: 1.54471, out: 0.354952},
    {w: [0, 0.0178653, 1.69353, 0.879248, 0.64302, 0, -0.535282], b: -0.169999, out: 0.166583},
    {w: [0.696671, 0, 0.765303, 0, 0, -1.64346, 0.470328], b: 3.12673, out: 0.220198},
    {w: [0, 1.10138, 0, 0, 0, 0, -1.02507], b: 2.35214, out: 0.518076},
  ],
  linear: [0.284353, 0.282561, 0, 0, 0, 0, -0.0428525],
};

import { CoreExtensions1763700000000 } from './1763700000000-core-extensions.js';
import { SocialGraph1763720000001 } from './1763720000001-social-graph.js';

/**
 * Every migration, in order. Each file is one reviewed change with a working `down`. Add new ones at the end
 * (timestamps: core 17637000..., accounts 17637100..., ingestion 17637200..., scoring 17637300...,
 * billing 17637400..., campaigns 17637500..., discovery 17637600...).
 */
export const migrations = [CoreExtensions1763700000000, SocialGraph1763720000001];

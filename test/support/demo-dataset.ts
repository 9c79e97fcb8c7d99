import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DemoGraphResult, loadDemoSocialGraph } from '../../apps/cli/src/demo/demo-social-graph.js';

/**
 * Loads the demo social graph that `npm start` loads (generated Twitter v2 data imported through the real
 * importer, then influence and topic scoring) into the test database at `url`. About 20-40 s: load it once per
 * test file, in beforeAll.
 */
export async function loadDemoDataset(url: string): Promise<DemoGraphResult> {
  const dir = await mkdtemp(join(tmpdir(), 'renown-demo-'));
  try {
    return await loadDemoSocialGraph(url, dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

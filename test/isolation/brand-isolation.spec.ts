import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildSchema } from 'graphql';
import { createTestApp, type TestApp } from '../support/test-app.js';
import {
  attackersFor,
  type CaseFile,
  createIsolationWorld,
  type GraphqlResult,
  type IsolationWorld,
  snapshotBrand,
  victimMarkers,
} from './isolation-harness.js';

/**
 * Brand isolation, proven for every operation of the API. The operations are read from apps/api/schema.gql;
 * each must be classified in test/isolation/cases/<domain>.cases.ts (see the header of accounts.cases.ts),
 * so a new operation without a case fails here.
 */
const schemaPath = fileURLToPath(new URL('../../apps/api/schema.gql', import.meta.url));
const casesDir = fileURLToPath(new URL('./cases/', import.meta.url));
const schema = buildSchema(readFileSync(schemaPath, 'utf8'));
const operations = (['Query', 'Mutation', 'Subscription'] as const).flatMap((root) => {
  const type = root === 'Query' ? schema.getQueryType() : root === 'Mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  return type ? Object.keys(type.getFields()).map((f) => `${root}.${f}`) : [];
});

const caseFiles: Array<CaseFile & { file: string }> = [];
const malformed: string[] = [];
for (const file of readdirSync(casesDir).filter((f) => f.endsWith('.cases.ts')).sort()) {
  const mod = await import(pathToFileURL(`${casesDir}${file}`).href);
  const def = mod.default as CaseFile | undefined;
  if (!def || typeof def.domain !== 'string' || !def.cases || typeof def.cases !== 'object' || Array.isArray(def.cases)) malformed.push(file);
  else caseFiles.push({ ...def, file });
}
const registry = new Map<string, { file: CaseFile & { file: string }; kind: string }>();
const duplicates: string[] = [];
for (const file of caseFiles) {
  for (const [op, c] of Object.entries(file.cases)) {
    if (registry.has(op)) duplicates.push(`${op} (${registry.get(op)!.file.file} and ${file.file})`);
    registry.set(op, { file, kind: c.kind });
  }
}

describe('every operation in apps/api/schema.gql is classified for brand isolation', () => {
  it('reads every case file (each must `export default defineCases({ domain, seed?, cases })`)', () => {
    if (malformed.length) {
      throw new Error(`Not in the defineCases format (see the header of cases/accounts.cases.ts): ${malformed.join(', ')}`);
    }
  });

  it('has a case for each Query and Mutation field', () => {
    const missing = operations.filter((op) => !registry.has(op));
    if (missing.length) {
      throw new Error(
        `No brand-isolation case for: ${missing.join(', ')}.\nAdd each to test/isolation/cases/<domain>.cases.ts as publicOperation(reason), ` +
          `notBrandOwned(reason) or brandOwned(run) (see accounts.cases.ts).`,
      );
    }
  });

  it('has no case for an operation that no longer exists, and none twice', () => {
    const stale = [...registry.keys()].filter((op) => !operations.includes(op));
    expect({ stale, duplicates }).toEqual({ stale: [], duplicates: [] });
  });

  it('gives a reason for every operation it does not test', () => {
    for (const file of caseFiles) {
      for (const [op, c] of Object.entries(file.cases)) {
        if (c.kind !== 'brand-owned' && !(c.reason && c.reason.length > 10)) throw new Error(`${op} in ${file.file}: give a reason`);
      }
    }
  });
});

describe("brand B's user and API key can neither read nor change brand A's rows", () => {
  let t: TestApp;
  let world: IsolationWorld;
  const seedErrors: Record<string, Error> = {};
  beforeAll(async () => {
    t = await createTestApp();
    world = await createIsolationWorld(t);
    for (const file of caseFiles) {
      // A failing seed fails its own domain's cases only.
      if (file.seed) world.a.seeded[file.domain] = await file.seed(world).catch((err) => ((seedErrors[file.domain] = err), {}));
    }
  }, 180_000);
  afterAll(() => t?.close());

  const brandOwned = caseFiles.flatMap((file) =>
    Object.entries(file.cases)
      .filter(([op]) => operations.includes(op))
      .flatMap(([op, c]) => (c.kind === 'brand-owned' ? [{ op, file, run: c.run }] : [])),
  );

  it.each(brandOwned.map((c) => [c.op, c] as const))('%s', async (_op, c) => {
    if (seedErrors[c.file.domain]) throw new Error(`seeding brand A for ${c.file.file} failed: ${seedErrors[c.file.domain].message}`);
    const responses: Array<{ req: string; res: GraphqlResult }> = [];
    const attackers = await attackersFor(world, (req, res) => responses.push({ req, res }));
    const before = await snapshotBrand(t, world.a.brandId);
    for (const attacker of attackers) {
      try {
        await c.run({ world, a: world.a, b: world.b, ids: world.a.seeded[c.file.domain] ?? {}, attacker });
      } catch (err) {
        err.message = `as B's ${attacker.kind}: ${err.message}`;
        throw err;
      }
    }
    expect(responses.length).toBeGreaterThan(0);
    // Nothing of A's in any answer B got (an id B itself sent may be echoed back).
    for (const { req, res } of responses) {
      const text = JSON.stringify(res);
      for (const marker of victimMarkers(world)) {
        if (!req.includes(marker) && text.includes(marker)) throw new Error(`B was answered with A's data (${marker}): ${text}`);
      }
    }
    expect(await snapshotBrand(t, world.a.brandId)).toEqual(before);
  });
});

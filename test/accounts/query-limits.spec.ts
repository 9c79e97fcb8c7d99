import { buildSchema, parse, specifiedRules, validate } from 'graphql';
import { depthLimit, MAX_QUERY_DEPTH } from '../../libs/core/src/index.js';
import { createTestApp, type TestApp } from '../support/test-app.js';
import { signUpBrand } from './accounts-test-helpers.js';

const nest = (levels: number, leaf = 'id') => {
  let q = leaf;
  for (let i = 1; i < levels; i++) q = `child { ${q} }`;
  return `{ ${q} }`;
};

describe('query depth limit (rule)', () => {
  // A self-referencing type, as a graph of influencers will have, allows any depth.
  const schema = buildSchema(`type Node { id: ID, child: Node } type Query { child: Node }`);
  const check = (query: string) => validate(schema, parse(query), [...specifiedRules, depthLimit(MAX_QUERY_DEPTH)]);

  it('accepts 10 levels and refuses 11 with BAD_USER_INPUT', () => {
    expect(check(nest(10))).toEqual([]);
    const errors = check(nest(11));
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toBe('Query is nested 11 levels deep; the limit is 10.');
    expect(errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('counts depth through fragments too', () => {
    const q = `query { child { ...deep } } fragment deep on Node { child { child { child { child { child { child { child { child { child { id } } } } } } } } } }`;
    expect(check(q)[0].extensions.code).toBe('BAD_USER_INPUT');
  });
});

describe('query depth and cost limits on the running API', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp();
    headers = (await signUpBrand(t)).headers;
  });
  afterAll(() => t.close());

  it('refuses a document nested deeper than 10 with BAD_USER_INPUT, without running it', async () => {
    const res = await t.graphql(`{ me { memberships { brand { ${nest(9).slice(2, -2)} } } } }`, {}, headers);
    const depthError = res.errors?.find((e) => /nested \d+ levels deep/.test(e.message));
    expect(depthError?.extensions.code).toBe('BAD_USER_INPUT');
    expect(res.data).toBeUndefined();
  });

  it('refuses a query whose cost is over the limit with BAD_USER_INPUT, and runs a normal one', async () => {
    const aliases = Array.from({ length: 2600 }, (_, i) => `a${i}: me { actorType }`).join('\n');
    const res = await t.graphql(`{ ${aliases} }`, {}, headers);
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0].message).toMatch(/too expensive: cost 5200, the limit is 5000/);
    expect(res.data).toBeUndefined();
    const ok = await t.graphql(`{ ${aliases.split('\n').slice(0, 100).join('\n')} }`, {}, headers);
    expect(ok.errors).toBeUndefined();
    expect(ok.data.a99.actorType).toBe('USER');
  });

  it('refuses a wrong or missing variable with BAD_USER_INPUT (400) naming the variable, not a server error', async () => {
    const search = `query($f: InfluencerFilterInput, $q: String!) { influencers(query: $q, filter: $f, first: 5) { edges { node { accountId } } } }`;
    const wrong = await t.graphql(search, { q: 'cars', f: { followers: { min: 'many' } } }, headers);
    expect(wrong.status).toBe(400);
    expect(wrong.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(wrong.errors?.[0].message).toMatch(/Variable "\$f" got invalid value "many" at "f.followers.min"/);
    const missing = await t.graphql(search, {}, headers);
    expect(missing.status).toBe(400);
    expect(missing.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(missing.errors?.[0].message).toBe('Variable "$q" of required type "String!" was not provided.');
  });
});

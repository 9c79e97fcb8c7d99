import { asBrandId, type BrandId } from './brand-id.js';
import { BrandScopedRepository } from './brand-scoped-repository.js';

class WidgetsRepository extends BrandScopedRepository {
  list(brandId: BrandId) {
    return this.query(brandId, 'SELECT * FROM widgets WHERE brand_id = $1');
  }
  forgetful(brandId: BrandId) {
    return this.query(brandId, 'SELECT * FROM widgets');
  }
}

const calls: Array<{ sql: string; params: unknown[] }> = [];
const fakeDb = { manager: { query: async (sql: string, params: unknown[]) => (calls.push({ sql, params }), []) } } as never;
const brand = '0b7f0c2e-4e1d-4c59-9a53-3d2f1c1e9a11';

describe('BrandScopedRepository', () => {
  const repo = new WidgetsRepository(fakeDb);

  it('binds the brand id as $1', async () => {
    await repo.list(asBrandId(brand));
    expect(calls.at(-1)).toEqual({ sql: 'SELECT * FROM widgets WHERE brand_id = $1', params: [brand] });
  });

  it('fails loudly when the brand id is missing or not a UUID', async () => {
    await expect(repo.list(undefined as unknown as BrandId)).rejects.toThrow(/without a valid BrandId/);
    await expect(repo.list('' as BrandId)).rejects.toThrow(/without a valid BrandId/);
    await expect(repo.list('brand-a' as BrandId)).rejects.toThrow(/without a valid BrandId/);
  });

  it('refuses SQL that does not filter on brand_id = $1', async () => {
    await expect(repo.forgetful(asBrandId(brand))).rejects.toThrow(/must filter or write brand_id = \$1/);
  });

  it('does not accept a plain string where a BrandId is required (compile-time)', () => {
    // @ts-expect-error a string is not a BrandId: forgetting to scope does not compile
    const call = () => repo.list(brand);
    expect(typeof call).toBe('function');
  });
});

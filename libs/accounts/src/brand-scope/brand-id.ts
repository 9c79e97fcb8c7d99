/**
 * The id of a brand (the tenant), as a distinct type: a plain string does not type-check where a BrandId is
 * expected, so brand-owned queries cannot be called with "some id". Obtain one from `@CurrentBrand()`, from
 * an actor, or through `asBrandId` (which validates).
 */
export type BrandId = string & { readonly __brand: 'BrandId' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class MissingBrandIdError extends Error {
  constructor(got: unknown) {
    super(`A brand-scoped query was called without a valid BrandId (got ${JSON.stringify(got)}). Pass the actor's brand id first.`);
  }
}

/** Validates and brands a value; throws (loudly, not a user error) for anything but a UUID. */
export function asBrandId(value: unknown): BrandId {
  if (typeof value !== 'string' || !UUID.test(value)) throw new MissingBrandIdError(value);
  return value.toLowerCase() as BrandId;
}

export function assertBrandId(value: unknown): asserts value is BrandId {
  asBrandId(value);
}

import type { Selectable } from 'kysely';
import type { DB, JsonObject } from './schema.generated.js';

/**
 * Row types of hand-written SQL, taken from the generated table types (./schema.generated.ts, `npm run
 * schema:sql`) instead of written out again: a row type that names a column its table lacks, or expects another
 * type than the column has (a bigint read as a number, a nullable column as never null), fails the type check.
 * The types are what node-postgres returns with its default parsers: bigint and numeric as strings, timestamps
 * and dates as Date, json parsed.
 *
 *   type BrandRow = RowOf<'brands', 'id' | 'name' | 'created_at'>;                 // SELECT id, name, created_at FROM brands
 *   type KeyRow = RowOf<'api_keys', 'id'> & Nullable<As<'users', { creator_name: 'name' }>>;  // LEFT JOIN users u, u.name AS creator_name
 *
 * Only a computed value (`count(*)::int AS members`, a CASE) keeps a written type, beside the derived part.
 */
export type SqlTables = DB;
export type TableName = keyof DB;

/** A whole row of `table`, as `SELECT *` returns it. */
export type TableRow<T extends TableName> = Selectable<DB[T]>;

/** Some columns of `table` under their own names (`SELECT a, b FROM table`). */
export type RowOf<T extends TableName, K extends keyof TableRow<T>> = Pick<TableRow<T>, K>;

/** The type of one column of `table`. */
export type ColumnOf<T extends TableName, K extends keyof TableRow<T>> = TableRow<T>[K];

/** Columns of `table` under other names: `As<'users', { creator_name: 'name' }>` for `u.name AS creator_name`. */
export type As<T extends TableName, M extends Record<string, keyof TableRow<T>>> = { [A in keyof M]: TableRow<T>[M[A]] };

/** Every field may be null: the columns of a LEFT JOINed table, or of a scalar subquery that may find nothing. */
export type Nullable<R> = { [K in keyof R]: R[K] | null };

/** Fields that the query makes never null (`WHERE x IS NOT NULL`, COALESCE). */
export type NonNull<R, K extends keyof R> = Omit<R, K> & { [P in K]: NonNullable<R[P]> };

/**
 * Fields narrowed to what the schema's CHECK constraint allows (a text column holding a TypeScript enum) or to the
 * shape of a json column's document; each narrowed type must still fit the column's, and each name must be one
 * of the row's.
 */
export type Narrow<R, N extends { [K in keyof N]: Fits<R, K> }> = Omit<R, keyof N> & N;

/**
 * What a narrowed field must fit: the column's type, or any shape for a json/jsonb column (what the document
 * holds is the application's to say; the schema only says it is JSON).
 */
type Fits<R, K> = K extends keyof R ? (JsonObject extends NonNullable<R[K]> ? unknown : R[K]) : never;

/**
 * Columns of `table` read through a cast (`followers_count::float8 AS "followersCount"`, `day::text`): the cast's
 * type `To`, and null wherever the column may be null.
 */
export type CastAs<T extends TableName, M extends Record<string, keyof TableRow<T>>, To> = {
  [A in keyof M]: To | (null extends TableRow<T>[M[A]] ? null : never);
};

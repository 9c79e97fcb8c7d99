/**
 * TypeORM's `query()` answers `[rows, affectedCount]` for UPDATE and DELETE but plain `rows` otherwise;
 * this always gives the rows (RETURNING ones included).
 */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return Array.isArray(result) ? (result as T[]) : [];
}

import type { EntityManager } from 'typeorm';

/**
 * Runs one SQL statement and returns its rows. TypeORM answers UPDATE/DELETE with [rows, count] and
 * everything else with rows; callers here always want the rows (RETURNING), whatever the command.
 */
export async function sqlRows<T = Record<string, any>>(em: Pick<EntityManager, 'query'>, text: string, params: unknown[] = []): Promise<T[]> {
  const result = await em.query(text, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0];
  return result;
}

export async function sqlOne<T = Record<string, any>>(em: Pick<EntityManager, 'query'>, text: string, params: unknown[] = []): Promise<T | undefined> {
  return (await sqlRows<T>(em, text, params))[0];
}

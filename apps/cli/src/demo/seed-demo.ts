import { type AppConfig } from '@renown/core';

/**
 * Loads the demo dataset on first run and returns the lines to print (console URL, demo login).
 * Each domain adds its part here as it lands; it must be idempotent (a restart loads nothing twice).
 */
export async function seedDemo(_url: string, _config: AppConfig, _say: (line: string) => void): Promise<string[]> {
  return [];
}

import { ErrorCode } from '@renown/core';
import { DataSource } from 'typeorm';
import { AccountsError } from '../accounts.error.js';
import { rowsOf } from '../brand-scope/rows-of.js';

/**
 * Grants or takes away the Renown operator flag (platform staff: `@OperatorOnly()` operations such as import
 * runs). Deliberately not in the API: only someone with database access (the CLI) can make an operator.
 */
export async function setOperator(dataSource: DataSource, email: string, isOperator: boolean): Promise<void> {
  const rows = rowsOf(
    await dataSource.query(`UPDATE users SET is_operator = $2, updated_at = now() WHERE email = $1 RETURNING id`, [email.trim(), isOperator]),
  );
  if (!rows.length) throw new AccountsError(ErrorCode.NOT_FOUND, `No user has the email ${email}; they must sign up or accept an invitation first.`);
}

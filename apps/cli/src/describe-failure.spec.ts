import { describeFailure } from './describe-failure.js';

describe('describeFailure', () => {
  it('says the database connection was lost, for a server shutting down or refusing connections', () => {
    const shutdown = Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' });
    expect(describeFailure(shutdown)).toMatch(/^lost the connection to the database \(terminating connection/);
    expect(describeFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }))).toMatch(/^lost the connection/);
    expect(describeFailure(new Error('Connection terminated unexpectedly'))).toMatch(/^lost the connection/);
  });

  it('names a statement the database refused by its SQLSTATE, and keeps other messages as they are', () => {
    expect(describeFailure(Object.assign(new Error('relation "x" does not exist'), { code: '42P01' }))).toBe('the database refused a statement (42P01): relation "x" does not exist');
    expect(describeFailure(new Error('DATABASE_URL is not a postgres:// URL'))).toBe('DATABASE_URL is not a postgres:// URL');
    expect(describeFailure('plain')).toBe('plain');
  });
});

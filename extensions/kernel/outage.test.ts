import { describe, expect, it } from 'vitest';
import { outageOf } from './outage.ts';

const withCode = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('outageOf', () => {
  it('knows a connection refused, cut or not yet possible as the database out of reach', () => {
    expect(outageOf(withCode('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432'))).toBe('unavailable');
    expect(outageOf(withCode('57P01', 'terminating connection due to administrator command'))).toBe('unavailable');
    expect(outageOf(withCode('57P03', 'the database system is starting up'))).toBe('unavailable');
    expect(outageOf(new Error('Connection terminated unexpectedly'))).toBe('unavailable');
    expect(outageOf(Object.assign(new Error('Knex: Timeout acquiring a connection.'), { name: 'KnexTimeoutError' }))).toBe('unavailable');
  });

  it('knows SQLite busy with another writer', () => {
    expect(outageOf(withCode('SQLITE_BUSY', 'SQLITE_BUSY: database is locked'))).toBe('busy');
  });

  it('looks into a list of errors and into a cause, not endlessly', () => {
    expect(outageOf([new Error('other'), withCode('ECONNRESET')])).toBe('unavailable');
    expect(outageOf(new Error('wrapped', { cause: withCode('08006') }))).toBe('unavailable');
    const loop: { cause?: unknown } = {};
    loop.cause = loop;
    expect(outageOf(loop)).toBeNull();
  });

  it('leaves every other error alone', () => {
    expect(outageOf(withCode('23505', 'duplicate key value violates unique constraint'))).toBeNull();
    expect(outageOf(new TypeError('x is undefined'))).toBeNull();
    expect(outageOf('ECONNREFUSED')).toBeNull();
    expect(outageOf(null)).toBeNull();
    expect(outageOf({ code: 42 })).toBeNull();
  });
});

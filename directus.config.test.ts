import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, directusEnv, readSettings, SettingsError } from './directus.config.ts';

const dataDir = () => mkdtempSync(join(tmpdir(), 'zongzhi-config-'));

function problems(env: Record<string, string>): string[] {
  try {
    readSettings(env);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  return [];
}

describe('settings', () => {
  it('defaults to a demo system on SQLite under ./data', () => {
    const settings = readSettings({});
    expect(settings.database).toEqual({ client: 'sqlite3', filename: expect.stringMatching(/data\/zongzhi\.db$/) });
    expect(settings).toMatchObject({
      port: 8055,
      demo: true,
      adminPassword: DEMO_PASSWORD,
      redisUrl: null,
      publicUrl: 'http://localhost:8055',
    });
  });

  it('switches to PostgreSQL with DATABASE_URL, without demo data', () => {
    const settings = readSettings({ DATABASE_URL: 'postgres://u@db:5432/zz' });
    expect(settings.database).toEqual({ client: 'pg', connectionString: 'postgres://u@db:5432/zz' });
    expect(settings.demo).toBe(false);
    expect(settings.adminPassword).toBeNull();
  });

  it.each([
    [{ DB_CLEINT: 'pg' }, 'DB_CLEINT: unknown setting'],
    [{ DB_CLIENT: 'mysql' }, 'DB_CLIENT=mysql: expected sqlite3 or pg'],
    [{ DB_CLIENT: 'pg' }, 'DB_CLIENT=pg needs DATABASE_URL'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'expected a postgres: or postgresql: URL'],
    [{ PORT: '80a' }, 'PORT=80a: expected a whole number'],
    [{ PORT: '70000' }, 'PORT=70000'],
    [{ PUBLIC_URL: 'not a url' }, 'PUBLIC_URL=not a url: not a URL'],
    [{ REDIS_URL: 'http://x' }, 'expected a redis: or rediss: URL'],
    [{ DEMO: 'maybe' }, 'DEMO=maybe: expected true or false'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL=loud'],
    [{ ADMIN_PASSWORD: 'short' }, 'at least 8 characters'],
    [{ ADMIN_EMAIL: 'admin' }, 'not an e-mail address'],
    [{ S3_BUCKET: 'zongzhi', S3_KEY: 'k' }, 'S3_BUCKET, S3_KEY without S3_ENDPOINT'],
    [{ S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'zongzhi' }, 'S3_ENDPOINT needs S3_KEY'],
    [
      { S3_ENDPOINT: 'ftp://minio', S3_BUCKET: 'b', S3_KEY: 'k', S3_SECRET: 's' },
      'S3_ENDPOINT=ftp://minio: expected a http: or https: URL',
    ],
    [{ S3_ENDPIONT: 'http://minio:9000' }, 'S3_ENDPIONT: unknown setting'],
  ])('refuses %j', (env, message) => {
    expect(problems(env).join('\n')).toContain(message);
  });

  it('lists every problem at once', () => {
    expect(problems({ PORT: 'x', DEMO: 'y', CACHE_TTL: '1' })).toHaveLength(3);
  });
});

describe('Directus environment', () => {
  it('keeps files in DATA_DIR/uploads by default, and in an S3 bucket when S3_ENDPOINT is set, the disk still read', () => {
    const dir = dataDir();
    expect(directusEnv(readSettings({ DATA_DIR: dir }))).toMatchObject({
      STORAGE_LOCATIONS: 'local',
      STORAGE_LOCAL_DRIVER: 'local',
      STORAGE_LOCAL_ROOT: join(dir, 'uploads'),
    });
    const s3 = { S3_ENDPOINT: 'http://minio:9000', S3_BUCKET: 'zongzhi', S3_KEY: 'key', S3_SECRET: 'secret' };
    const env = directusEnv(readSettings({ DATA_DIR: dir, ...s3 }));
    expect(env).toMatchObject({
      STORAGE_LOCATIONS: 's3,local',
      STORAGE_S3_DRIVER: 's3',
      STORAGE_S3_ENDPOINT: 'http://minio:9000',
      STORAGE_S3_BUCKET: 'zongzhi',
      STORAGE_S3_REGION: 'us-east-1',
      STORAGE_S3_KEY: 'key',
      STORAGE_S3_SECRET: 'secret',
      STORAGE_S3_FORCE_PATH_STYLE: 'true',
      STORAGE_LOCAL_ROOT: join(dir, 'uploads'),
    });
  });

  it('keeps a generated secret in DATA_DIR, the same on every start', () => {
    const dir = dataDir();
    const first = directusEnv(readSettings({ DATA_DIR: dir }));
    const second = directusEnv(readSettings({ DATA_DIR: dir }));
    expect(first.SECRET).toHaveLength(43);
    expect(second.SECRET).toBe(first.SECRET);
    expect(readFileSync(join(dir, 'secret'), 'utf8').trim()).toBe(first.SECRET);
    expect(statSync(join(dir, 'secret')).mode & 0o777).toBe(0o600);
  });

  it('turns off telemetry and keeps cache and limiter in memory without Redis', () => {
    const env = directusEnv(readSettings({ DATA_DIR: dataDir() }));
    expect(env).toMatchObject({ TELEMETRY: 'false', CACHE_STORE: 'memory', RATE_LIMITER_STORE: 'memory', DB_CLIENT: 'sqlite3' });
    expect(env).toMatchObject({ AI_ENABLED: 'false', MCP_ENABLED: 'false' });
    // The owner dialog's answers, telemetry and the marketplace reach no internet service.
    for (const key of ['TELEMETRY_URL', 'COMPLIANCE_URL', 'MARKETPLACE_REGISTRY']) expect(new URL(env[key]!).hostname).toBe('127.0.0.1');
    expect(env.REDIS).toBeUndefined();
  });

  it("keeps Directus's look-ups a minute by default, and can turn them off", () => {
    expect(directusEnv(readSettings({ DATA_DIR: dataDir() }))).toMatchObject({ CACHE_ENABLED: 'true', CACHE_TTL: '1m' });
    expect(directusEnv(readSettings({ DATA_DIR: dataDir(), CACHE_ENABLED: 'false' }))).toMatchObject({ CACHE_ENABLED: 'false' });
  });

  it('sends session cookies only over TLS when users reach the system over TLS', () => {
    expect(directusEnv(readSettings({ DATA_DIR: dataDir() }))).toMatchObject({
      SESSION_COOKIE_SECURE: 'false',
      REFRESH_TOKEN_COOKIE_SECURE: 'false',
    });
    const tls = directusEnv(readSettings({ DATA_DIR: dataDir(), PUBLIC_URL: 'https://zongzhi.pukou.gov.cn' }));
    expect(tls).toMatchObject({ SESSION_COOKIE_SECURE: 'true', REFRESH_TOKEN_COOKIE_SECURE: 'true', GRAPHQL_INTROSPECTION: 'false' });
  });

  it('moves cache, limiter and synchronisation to Redis when configured', () => {
    const env = directusEnv(
      readSettings({
        DATA_DIR: dataDir(),
        REDIS_URL: 'redis://127.0.0.1:6379/2',
        DATABASE_URL: 'postgres://u@h/d',
        ADMIN_PASSWORD: 'Secret@2026',
      }),
    );
    expect(env).toMatchObject({
      CACHE_STORE: 'redis',
      RATE_LIMITER_STORE: 'redis',
      SYNCHRONIZATION_STORE: 'redis',
      REDIS: 'redis://127.0.0.1:6379/2',
      DB_CLIENT: 'pg',
      DB_CONNECTION_STRING: 'postgres://u@h/d',
    });
  });

  it('shares Directus’s state through the queue’s Redis when several instances run, under the installation’s prefix', () => {
    const pg = { DATA_DIR: dataDir(), DATABASE_URL: 'postgres://u@h/d', ADMIN_PASSWORD: 'Secret@2026' };
    expect(directusEnv(readSettings(pg), 'redis://127.0.0.1:6379/0').REDIS).toBeUndefined();
    const two = directusEnv(readSettings({ ...pg, INSTANCES: '2' }), 'redis://127.0.0.1:6379/0');
    expect(two).toMatchObject({ REDIS: 'redis://127.0.0.1:6379/0', CACHE_STORE: 'redis', RATE_LIMITER_STORE: 'redis' });
    for (const name of [
      'CACHE_NAMESPACE',
      'RATE_LIMITER_KEY_PREFIX',
      'REDIS_BUS_NAMESPACE',
      'REDIS_LOCK_NAMESPACE',
      'SYNCHRONIZATION_NAMESPACE',
    ])
      expect(two[name]).toMatch(new RegExp(`^${two.QUEUE_PREFIX}:`));
    const other = directusEnv(readSettings({ ...pg, INSTANCES: '2', DATABASE_URL: 'postgres://u@h/other' }), 'redis://127.0.0.1:6379/0');
    expect(other.REDIS_BUS_NAMESPACE).not.toBe(two.REDIS_BUS_NAMESPACE);
  });

  it('refuses several instances on SQLite and counts outside 1–16', () => {
    expect(() => readSettings({ INSTANCES: '2' })).toThrow(/INSTANCES=2 needs PostgreSQL/);
    expect(() => readSettings({ INSTANCES: '0', DATABASE_URL: 'postgres://u@h/d' })).toThrow(
      /INSTANCES=0: expected a whole number from 1 to 16/,
    );
    expect(readSettings({ INSTANCES: '3', DATABASE_URL: 'postgres://u@h/d' }).instances).toBe(3);
  });

  it('generates an administrator password when none is set outside demo mode', () => {
    const dir = dataDir();
    const env = directusEnv(readSettings({ DATA_DIR: dir, DEMO: 'false' }));
    expect(env.ADMIN_PASSWORD).toHaveLength(16);
    expect(readFileSync(join(dir, 'admin-password'), 'utf8').trim()).toBe(env.ADMIN_PASSWORD);
  });
});

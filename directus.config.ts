// The one place that turns the user's settings into Directus's environment.
//
// Settings come from the process environment (or a `.env`-style file passed to
// `npm start`). Every setting this project knows is listed in SETTINGS; a variable
// that looks like one of ours (same prefix) but is not listed stops start-up, so a
// typo such as `DB_CLEINT` is not silently ignored.

import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { decodeMasterKey } from './extensions/kernel/personal-vault.ts';

export const PROJECT_ROOT = import.meta.dirname;

export interface Settings {
  dataDir: string;
  database: { client: 'sqlite3'; filename: string } | { client: 'pg'; connectionString: string };
  host: string;
  port: number;
  publicUrl: string;
  redisUrl: string | null;
  /** Directus instances behind the reverse proxy (1: one process, no proxy). */
  instances: number;
  demo: boolean;
  enforceTfa: boolean;
  adminEmail: string;
  adminPassword: string | null;
  logLevel: string;
  trustProxy: string;
  rateLimitPerSecond: number;
  cacheEnabled: boolean;
  reminderScanSeconds: number;
  warningEveryMinutes: number;
  monthlyReports: boolean;
  auditRetentionDays: number;
  dalianqin: { url: string | null; secret: string | null };
  /** 国密 at rest: the master key given by setting (else the key file in DATA_DIR), older keys still read, and whether new values are sealed. */
  personalData: { key: string | null; oldKeys: string[]; sealing: boolean };
  /** S3-compatible object storage for uploads and generated files (null: DATA_DIR/uploads on disk). */
  objectStorage: { endpoint: string; bucket: string; region: string; key: string; secret: string } | null;
}

/** Every variable we read, with what it means (printed when one is wrong). */
export const SETTINGS: Record<string, string> = {
  DATA_DIR: 'folder for the SQLite file, the secret and uploads (default ./data)',
  DB_CLIENT: 'sqlite3 (default) or pg',
  DATABASE_URL: 'postgres://user:password@host:port/database; implies DB_CLIENT=pg',
  DB_FILENAME: 'SQLite file (default DATA_DIR/zongzhi.db)',
  HOST: 'address to listen on (default 0.0.0.0)',
  PORT: 'port to listen on (default 8055)',
  PUBLIC_URL: 'URL users reach the server at (default http://localhost:PORT)',
  REDIS_URL: 'redis://host:port/db; moves cache, rate limiter and synchronisation to Redis',
  INSTANCES:
    'Directus instances behind nginx on PORT (default 1: one process, no proxy); more than 1 needs PostgreSQL and shares everything through Redis',
  DEMO: 'true to seed demo units and users (default true on SQLite, false on pg)',
  ENFORCE_TFA: 'true to require two-factor sign-in of administrators and system administrators (default: true unless DEMO)',
  ADMIN_EMAIL: 'e-mail of the first administrator (default admin@pukou.gov.cn)',
  ADMIN_PASSWORD: 'password of the first administrator (demo default, else generated)',
  LOG_LEVEL: 'fatal, error, warn, info, debug or trace (default warn)',
  TRUST_PROXY: 'reverse proxies whose X-Forwarded-For names the client: loopback (default), comma-separated addresses or subnets, or false',
  RATE_LIMIT_PER_SECOND: 'requests per second per client address, 0 for no limit (default 200)',
  CACHE_ENABLED:
    "true (default) or false: Directus's look-up cache, a minute at most (answers are never cached: the worker writes beside Directus)",
  REMINDER_SCAN_SECONDS: 'how often the worker reconciles reminders with the database (default 60)',
  WARNING_EVERY_MINUTES: 'how often the worker evaluates the early-warning rules, 0 for never (default 5)',
  MONTHLY_REPORTS: 'true (default) to draft each office’s analysis report and the bulletins on the 1st of each month, false for never',
  AUDIT_RETENTION_DAYS: 'days the security audit log is kept before the worker removes older rows (default and minimum 180)',
  SMS_GATEWAY_URL: 'POST phone reminders as JSON { phone, text } to this URL (default: record and log only)',
  DALIANQIN_URL: 'base URL of the 大联勤 platform; outbound matters and status updates go there',
  DALIANQIN_SECRET: 'shared secret for the HMAC signatures of the 大联勤 exchange (at least 16 characters)',
  PERSONAL_DATA_KEY:
    'master key (hex or base64, at least 32 bytes) that seals ID and phone numbers; default: generated once into DATA_DIR/personal-data.keys',
  PERSONAL_DATA_OLD_KEYS:
    'comma-separated earlier master keys, still read while `npm run keys:rotate` re-seals (with PERSONAL_DATA_KEY only)',
  SEAL_PERSONAL_DATA: 'true (default) or false: false stores new ID and phone numbers in the clear, for measuring what sealing costs only',
  S3_ENDPOINT:
    'URL of S3-compatible object storage (MinIO, a government cloud’s) for uploads and generated files, shared by every node of a cluster; default: DATA_DIR/uploads on disk',
  S3_BUCKET: 'bucket of S3_ENDPOINT the files go to',
  S3_REGION: 'region of S3_ENDPOINT (default us-east-1, as MinIO expects)',
  S3_KEY: 'access key of S3_ENDPOINT',
  S3_SECRET: 'secret key of S3_ENDPOINT',
};

/** Prefixes that mark a variable as one of ours; unknown names with them are refused. */
const OWN_PREFIXES = [
  'DB_',
  'DATABASE_',
  'REDIS',
  'CACHE_',
  'RATE_LIMIT',
  'ADMIN_',
  'DEMO',
  'ENFORCE_',
  'DATA_DIR',
  'TRUST_PROXY',
  'PUBLIC_URL',
  'REMINDER_',
  'SMS_',
  'DALIANQIN_',
  'PERSONAL_DATA',
  'SEAL_',
  'INSTANCES',
  'S3_',
];

/** The password of every demo account, the administrator's included (demo mode only). */
export const DEMO_PASSWORD = 'Pukou@2026';

export class SettingsError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(`配置有误 / invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
    this.problems = problems;
  }
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace'];

function parseBoolean(name: string, value: string | undefined, fallback: boolean, problems: string[]): boolean {
  if (value === undefined || value === '') return fallback;
  if (/^(true|1|yes)$/i.test(value)) return true;
  if (/^(false|0|no)$/i.test(value)) return false;
  problems.push(`${name}=${value}: expected true or false`);
  return fallback;
}

function parseInteger(name: string, value: string | undefined, fallback: number, min: number, max: number, problems: string[]): number {
  if (value === undefined || value === '') return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) {
    problems.push(`${name}=${value}: expected a whole number from ${min} to ${max}`);
    return fallback;
  }
  return n;
}

function parseUrl(name: string, value: string, protocols: string[], problems: string[]): string {
  try {
    const url = new URL(value);
    if (!protocols.includes(url.protocol)) problems.push(`${name}=${value}: expected a ${protocols.join(' or ')} URL`);
  } catch {
    problems.push(`${name}=${value}: not a URL`);
  }
  return value;
}

/** Reads and checks the settings; throws SettingsError listing every problem at once. */
export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const problems: string[] = [];
  for (const name of Object.keys(env)) {
    if (OWN_PREFIXES.some((p) => name.startsWith(p)) && !(name in SETTINGS)) {
      problems.push(`${name}: unknown setting; known ones are ${Object.keys(SETTINGS).join(', ')}`);
    }
  }

  const dataDir = resolve(PROJECT_ROOT, env.DATA_DIR || 'data');
  const databaseUrl = env.DATABASE_URL || '';
  const client = env.DB_CLIENT || (databaseUrl ? 'pg' : 'sqlite3');
  let database: Settings['database'];
  if (client === 'pg') {
    if (!databaseUrl) problems.push('DB_CLIENT=pg needs DATABASE_URL (postgres://user:password@host:5432/database)');
    else parseUrl('DATABASE_URL', databaseUrl, ['postgres:', 'postgresql:'], problems);
    database = { client: 'pg', connectionString: databaseUrl };
  } else if (client === 'sqlite3') {
    if (databaseUrl) problems.push('DATABASE_URL is set but DB_CLIENT=sqlite3; remove one of them');
    database = { client: 'sqlite3', filename: resolve(dataDir, env.DB_FILENAME || 'zongzhi.db') };
  } else {
    problems.push(`DB_CLIENT=${client}: expected sqlite3 or pg`);
    database = { client: 'sqlite3', filename: resolve(dataDir, 'zongzhi.db') };
  }

  const port = parseInteger('PORT', env.PORT, 8055, 1, 65535, problems);
  const publicUrl = env.PUBLIC_URL ? parseUrl('PUBLIC_URL', env.PUBLIC_URL, ['http:', 'https:'], problems) : `http://localhost:${port}`;
  const redisUrl = env.REDIS_URL ? parseUrl('REDIS_URL', env.REDIS_URL, ['redis:', 'rediss:'], problems) : null;
  const instances = parseInteger('INSTANCES', env.INSTANCES, 1, 1, 16, problems);
  if (instances > 1 && database.client !== 'pg')
    problems.push(
      `INSTANCES=${instances} needs PostgreSQL (DATABASE_URL): a SQLite file is written by one process; see README, “Several instances”`,
    );
  const demo = parseBoolean('DEMO', env.DEMO, database.client === 'sqlite3', problems);
  const enforceTfa = parseBoolean('ENFORCE_TFA', env.ENFORCE_TFA, !demo, problems);
  const logLevel = env.LOG_LEVEL || 'warn';
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL=${logLevel}: expected one of ${LOG_LEVELS.join(', ')}`);
  const trustProxy = (env.TRUST_PROXY || 'loopback').trim();
  if (!/^(false|[0-9a-fA-F.:/,\s]+|loopback|linklocal|uniquelocal)$/.test(trustProxy))
    problems.push(`TRUST_PROXY=${trustProxy}: expected loopback, false, or comma-separated addresses or subnets`);
  const adminEmail = env.ADMIN_EMAIL || 'admin@pukou.gov.cn';
  if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(adminEmail)) problems.push(`ADMIN_EMAIL=${adminEmail}: not an e-mail address`);
  const adminPassword = env.ADMIN_PASSWORD || (demo ? DEMO_PASSWORD : null);
  if (adminPassword !== null && adminPassword.length < 8) problems.push('ADMIN_PASSWORD: at least 8 characters');

  const settings: Settings = {
    dataDir,
    database,
    host: env.HOST || '0.0.0.0',
    port,
    publicUrl: publicUrl.replace(/\/$/, ''),
    redisUrl,
    instances,
    demo,
    enforceTfa,
    adminEmail,
    adminPassword,
    logLevel,
    trustProxy,
    rateLimitPerSecond: parseInteger('RATE_LIMIT_PER_SECOND', env.RATE_LIMIT_PER_SECOND, 200, 0, 1_000_000, problems),
    cacheEnabled: parseBoolean('CACHE_ENABLED', env.CACHE_ENABLED, true, problems),
    reminderScanSeconds: parseInteger('REMINDER_SCAN_SECONDS', env.REMINDER_SCAN_SECONDS, 60, 1, 3600, problems),
    warningEveryMinutes: parseInteger('WARNING_EVERY_MINUTES', env.WARNING_EVERY_MINUTES, 5, 0, 1440, problems),
    monthlyReports: parseBoolean('MONTHLY_REPORTS', env.MONTHLY_REPORTS, true, problems),
    // 网络安全法第二十一条: network logs are kept for at least six months.
    auditRetentionDays: parseInteger('AUDIT_RETENTION_DAYS', env.AUDIT_RETENTION_DAYS, 180, 180, 36_500, problems),
    dalianqin: {
      url: env.DALIANQIN_URL ? parseUrl('DALIANQIN_URL', env.DALIANQIN_URL, ['http:', 'https:'], problems).replace(/\/$/, '') : null,
      secret: env.DALIANQIN_SECRET || null,
    },
    personalData: {
      key: env.PERSONAL_DATA_KEY || null,
      oldKeys: (env.PERSONAL_DATA_OLD_KEYS || '')
        .split(',')
        .map((k) => k.trim())
        .filter(Boolean),
      sealing: parseBoolean('SEAL_PERSONAL_DATA', env.SEAL_PERSONAL_DATA, true, problems),
    },
    objectStorage: readObjectStorage(env, problems),
  };
  for (const [name, key] of [
    ['PERSONAL_DATA_KEY', settings.personalData.key],
    ...settings.personalData.oldKeys.map((k) => ['PERSONAL_DATA_OLD_KEYS', k]),
  ] as const)
    if (key !== null && !decodeMasterKey(key)) problems.push(`${name}: expected a key of at least 32 bytes, as hex or base64`);
  if (settings.personalData.oldKeys.length && !settings.personalData.key)
    problems.push('PERSONAL_DATA_OLD_KEYS needs PERSONAL_DATA_KEY (with the key file, keys:rotate keeps the old keys itself)');
  if (settings.dalianqin.secret !== null && settings.dalianqin.secret.length < 16)
    problems.push('DALIANQIN_SECRET: at least 16 characters');
  if (settings.dalianqin.url && !settings.dalianqin.secret) problems.push('DALIANQIN_URL needs DALIANQIN_SECRET to sign what is sent');
  if (problems.length) throw new SettingsError(problems);
  return settings;
}

/** S3_ENDPOINT with its bucket and keys, or null when unset; a half-given set is a problem. */
function readObjectStorage(env: NodeJS.ProcessEnv, problems: string[]): Settings['objectStorage'] {
  const given = Object.keys(SETTINGS).filter((name) => name.startsWith('S3_') && env[name]);
  if (!env.S3_ENDPOINT) {
    if (given.length) problems.push(`${given.join(', ')} without S3_ENDPOINT: set S3_ENDPOINT too, or remove them`);
    return null;
  }
  const endpoint = parseUrl('S3_ENDPOINT', env.S3_ENDPOINT, ['http:', 'https:'], problems);
  for (const name of ['S3_BUCKET', 'S3_KEY', 'S3_SECRET']) if (!env[name]) problems.push(`S3_ENDPOINT needs ${name}`);
  return {
    endpoint,
    bucket: env.S3_BUCKET ?? '',
    region: env.S3_REGION || 'us-east-1',
    key: env.S3_KEY ?? '',
    secret: env.S3_SECRET ?? '',
  };
}

/** A value generated on first use and kept in DATA_DIR (never in the repository). */
export function persistentSecret(dataDir: string, name: string, bytes = 32): string {
  const file = resolve(dataDir, name);
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const value = randomBytes(bytes).toString('base64url');
  writeFileSync(file, value + '\n', { mode: 0o600, flag: 'wx' });
  return value;
}

/** The key file that seals personal numbers when no key is set: generated once (one 32-byte key, mode 0600). */
export function personalKeyFile(dataDir: string): string {
  persistentSecret(dataDir, 'personal-data.keys', 32);
  return resolve(dataDir, 'personal-data.keys');
}

/** Where Directus and our scripts find the personal-data keys: the settings, else the key file. */
export function personalDataEnv(settings: Settings): Record<string, string> {
  const { key, oldKeys, sealing } = settings.personalData;
  return {
    ...(key
      ? { PERSONAL_DATA_KEY: key, PERSONAL_DATA_OLD_KEYS: oldKeys.join(',') }
      : { PERSONAL_DATA_KEY_FILE: personalKeyFile(settings.dataDir) }),
    SEAL_PERSONAL_DATA: String(sealing),
  };
}

/** The administrator password: the setting, else one generated once and kept in DATA_DIR. */
export function adminPassword(settings: Settings): string {
  return settings.adminPassword ?? persistentSecret(settings.dataDir, 'admin-password', 12);
}

/** Queue keys of this installation, so that several systems can share one Redis. */
/** Where Directus's calls to its own internet services go instead: nothing listens there. */
export const OFFLINE_URL = 'http://127.0.0.1:9';

export function queuePrefix(settings: Settings): string {
  const identity = settings.database.client === 'pg' ? settings.database.connectionString : settings.database.filename;
  return `zongzhi:${createHash('sha1').update(identity).digest('hex').slice(0, 8)}`;
}

/** Directus's environment for these settings, with the Redis its job queue uses. */
export function directusEnv(settings: Settings, queueRedisUrl?: string): Record<string, string> {
  const env: Record<string, string> = {
    SECRET: persistentSecret(settings.dataDir, 'secret'),
    HOST: settings.host,
    PORT: String(settings.port),
    PUBLIC_URL: settings.publicUrl,
    EXTENSIONS_PATH: resolve(PROJECT_ROOT, 'extensions'),
    EXTENSIONS_AUTO_RELOAD: 'false',
    ...storageEnv(settings),
    // Photos and videos from the field; larger files are refused at upload.
    FILES_MAX_UPLOAD_SIZE: '50mb',
    // R20: a government private network has no internet.
    TELEMETRY: 'false',
    // Directus sends what an administrator enters in its owner dialog (e-mail, organisation) to its
    // compliance service, whatever TELEMETRY says, and retries daily; its marketplace asks Directus's
    // registry. Both point at the discard port on loopback: refused at once, nothing leaves the machine.
    TELEMETRY_URL: OFFLINE_URL,
    COMPLIANCE_URL: OFFLINE_URL,
    MARKETPLACE_REGISTRY: OFFLINE_URL,
    MARKETPLACE_TRUST: 'sandbox',
    // Studio's AI assistant and the MCP server talk to model providers on the internet: off.
    AI_ENABLED: 'false',
    MCP_ENABLED: 'false',
    LOG_LEVEL: settings.logLevel,
    // Whose X-Forwarded-For is believed: Directus believes anyone's by default, which would let a
    // client pick the address that failed logins are counted and audited by.
    IP_TRUST_PROXY: settings.trustProxy,
    LOG_STYLE: 'pretty',
    ADMIN_EMAIL: settings.adminEmail,
    ADMIN_PASSWORD: adminPassword(settings),
    CACHE_ENABLED: String(settings.cacheEnabled),
    CACHE_AUTO_PURGE: 'true',
    // Look-ups such as the signed-in user's unit_path for the jurisdiction rule: every write through
    // Directus and every unit move purges them; the minute bounds what a race with a move could keep.
    CACHE_TTL: '1m',
    // Every request gets the one frozen schema instead of a deep copy of it: about a quarter of
    // Directus's CPU per report otherwise (docs/benchmarks.md). Nothing here may mutate a schema.
    CACHE_SCHEMA_FREEZE_ENABLED: 'true',
    CACHE_STORE: 'memory',
    RATE_LIMITER_ENABLED: String(settings.rateLimitPerSecond > 0),
    RATE_LIMITER_STORE: 'memory',
    RATE_LIMITER_POINTS: String(Math.max(settings.rateLimitPerSecond, 1)),
    RATE_LIMITER_DURATION: '1',
    WEBSOCKETS_ENABLED: 'false',
    AUDIT_RETENTION_DAYS: String(settings.auditRetentionDays),
    // A strict content security policy for Studio and the app (both work under it: browser tests):
    // no eval, no connections, images, styles or fonts from other hosts (Directus's defaults allow
    // any https host and GitHub's), framed only by the system itself. Directus merges these over its
    // defaults; a directive given as one string replaces the default list.
    CONTENT_SECURITY_POLICY_DIRECTIVES__SCRIPT_SRC: "'self'",
    CONTENT_SECURITY_POLICY_DIRECTIVES__CONNECT_SRC: "'self'",
    CONTENT_SECURITY_POLICY_DIRECTIVES__IMG_SRC: "'self' data: blob:",
    CONTENT_SECURITY_POLICY_DIRECTIVES__STYLE_SRC: "'self' 'unsafe-inline'",
    CONTENT_SECURITY_POLICY_DIRECTIVES__FONT_SRC: "'self' data:",
    CONTENT_SECURITY_POLICY_DIRECTIVES__FRAME_ANCESTORS: "'self'",
    // The schema is not described to anyone (administrators read it in Studio's data model).
    GRAPHQL_INTROSPECTION: 'false',
    // Cookies only over TLS when users reach the system over TLS.
    SESSION_COOKIE_SECURE: String(settings.publicUrl.startsWith('https:')),
    REFRESH_TOKEN_COOKIE_SECURE: String(settings.publicUrl.startsWith('https:')),
  };
  if (settings.database.client === 'sqlite3') {
    env.DB_CLIENT = 'sqlite3';
    env.DB_FILENAME = settings.database.filename;
  } else {
    env.DB_CLIENT = 'pg';
    env.DB_CONNECTION_STRING = settings.database.connectionString;
  }
  if (settings.dalianqin.secret) env.DALIANQIN_SECRET = settings.dalianqin.secret;
  if (settings.dalianqin.url) env.DALIANQIN_URL = settings.dalianqin.url;
  Object.assign(env, personalDataEnv(settings));
  if (queueRedisUrl) {
    env.QUEUE_REDIS_URL = queueRedisUrl;
    env.QUEUE_PREFIX = queuePrefix(settings);
    env.REMINDER_SCAN_SECONDS = String(settings.reminderScanSeconds);
    env.WARNING_EVERY_MINUTES = String(settings.warningEveryMinutes);
    env.MONTHLY_REPORTS = String(settings.monthlyReports);
  }
  const sharedRedis = settings.redisUrl ?? (settings.instances > 1 ? queueRedisUrl : undefined);
  if (sharedRedis) Object.assign(env, sharedStateEnv(sharedRedis, queuePrefix(settings)));
  return env;
}

/** The folder of the files stored on disk (Directus's `local` location), which backups copy. */
export const uploadsDir = (settings: Pick<Settings, 'dataDir'>): string => resolve(settings.dataDir, 'uploads');

/**
 * Where Directus keeps uploaded files, and the worker the files it makes (extensions/kernel/stored-files.ts):
 * the first location takes new files. On disk in DATA_DIR/uploads; with S3_ENDPOINT in that bucket,
 * the disk folder still read for the files stored there before the switch.
 */
export function storageEnv(settings: Settings): Record<string, string> {
  const disk = { STORAGE_LOCAL_DRIVER: 'local', STORAGE_LOCAL_ROOT: uploadsDir(settings) };
  const s3 = settings.objectStorage;
  if (!s3) return { STORAGE_LOCATIONS: 'local', ...disk };
  return {
    STORAGE_LOCATIONS: 's3,local',
    STORAGE_S3_DRIVER: 's3',
    STORAGE_S3_ENDPOINT: s3.endpoint,
    STORAGE_S3_BUCKET: s3.bucket,
    STORAGE_S3_REGION: s3.region,
    STORAGE_S3_KEY: s3.key,
    STORAGE_S3_SECRET: s3.secret,
    // Addresses as http://host/bucket/…, as MinIO and most private object stores answer them.
    STORAGE_S3_FORCE_PATH_STYLE: 'true',
    ...disk,
  };
}

/**
 * Directus's shared state in Redis: the response cache, the rate limiter's counts, the lock that
 * lets one instance run a scheduled flow, the message bus that tells every instance of a schema or
 * permission change, and the caches behind them. Each under this installation's prefix, so several
 * systems (and the test suites) can share one Redis.
 */
export function sharedStateEnv(redisUrl: string, prefix: string): Record<string, string> {
  return {
    REDIS: redisUrl,
    CACHE_STORE: 'redis',
    CACHE_NAMESPACE: `${prefix}:cache`,
    RATE_LIMITER_STORE: 'redis',
    RATE_LIMITER_KEY_PREFIX: `${prefix}:rate`,
    SYNCHRONIZATION_STORE: 'redis',
    SYNCHRONIZATION_NAMESPACE: `${prefix}:sync`,
    REDIS_BUS_NAMESPACE: `${prefix}:bus`,
    REDIS_LOCK_NAMESPACE: `${prefix}:lock`,
    REDIS_PERMISSIONS_NAMESPACE: `${prefix}:permissions`,
    REDIS_COUNTERS_NAMESPACE: `${prefix}:counters`,
    WEBSOCKETS_COLLAB_STORE_NAMESPACE: `${prefix}:collab`,
  };
}

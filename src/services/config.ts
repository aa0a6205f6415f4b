// The service's settings: every environment variable it reads, described and validated by one zod
// schema (docs/api.md, "Settings"). The entry points (`npm start`, `npm run demo`, `npm run dev`, the
// command line) call readSettings() first, so a bad value stops the start with a message naming the
// variable; it is never replaced by a default. The accessors below read the environment again at
// each call (one variable, cheap), so tests can change a setting while the process runs.
import { z } from 'zod';
import { isEmail } from '#schemas/common.ts';

/** An unset or blank variable takes the default. */
function isUnset(raw: string | undefined): raw is undefined {
  return raw === undefined || raw.trim() === '';
}

/**
 * One variable: unset or blank gives `fallback`; otherwise `read` turns its trimmed text into the
 * value, or answers undefined and the variable is refused with `must`, which says what it must be.
 */
function variable<T, F>(fallback: F, read: (text: string) => T | undefined, must: string) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | F => {
      if (isUnset(raw)) return fallback;
      const value = read(raw.trim());
      if (value === undefined) {
        ctx.addIssue({ code: 'custom', message: `must be ${must}` });
        return z.NEVER;
      }
      return value;
    });
}

/** A whole number from `min` to `max`. */
const integer = (min: number, max: number, fallback: number) =>
  variable(fallback, (t) => (/^-?\d+$/.test(t) && Number(t) >= min && Number(t) <= max ? Number(t) : undefined), `a whole number from ${min} to ${max}`);

/** A number of euros, 0 or more (cents allowed). */
const euros = (fallback: number) =>
  variable(fallback, (t) => (/^\d+(\.\d{1,2})?$/.test(t) ? Number(t) : undefined), 'an amount in euros, 0 or more (such as 2000 or 1500.50)');

/** Any text; blank means the default. */
const text = (fallback: string) => variable(fallback, (t) => t, '');

/** An absolute URL with one of `protocols`, or null when unset. */
function url(protocols: string[], what: string) {
  return variable(
    null,
    (t) => {
      try {
        return protocols.includes(new URL(t).protocol) ? t : undefined;
      } catch {
        return undefined;
      }
    },
    what
  );
}

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const settingsSchema = z.object({
  /** The port the server listens on (0: any free port). */
  PORT: integer(0, 65535, 3000),
  HOST: text('127.0.0.1'),
  /** The web app's public address; without it, http://HOST:PORT. */
  ORIGIN: url(['http:', 'https:'], 'an http:// or https:// address, such as https://hebergement.example.fr'),
  DATABASE_PATH: text('data/hebergement.sqlite'),
  DEMO_DATABASE_PATH: text('data/demo.sqlite'),
  /** The folder of the SQL migrations, resolved against the working directory. */
  MIGRATIONS_DIR: text('db/migrations'),
  HOLD_MINUTES: integer(1, 24 * 60, 15),
  NIGHT_ROLLOVER_HOUR: integer(0, 23, 12),
  PARTNER_RATE_LIMIT: integer(1, 1_000_000, 120),
  /** How long, in all, a write waits for the database's write lock before answering 503 busy. */
  WRITE_BUSY_MS: integer(1, 600_000, 10_000),
  SESSION_IDLE_MINUTES: integer(1, 7 * 24 * 60, 30),
  SESSION_ABSOLUTE_HOURS: integer(1, 365 * 24, 12),
  PROTOCOL_BUDGET_EUROS: euros(2000),
  /** Where Litestream replicates the database; unset: no replication. */
  REPLICA_URL: url(['file:', 's3:', 'gcs:', 'abs:', 'sftp:'], 'a Litestream replica URL: file:///absolute/folder, or s3://bucket/path (an S3-compatible store: add ?endpoint=https://host)'),
  SMTP_URL: url(['smtp:', 'smtps:'], 'an smtp:// or smtps:// address, such as smtp://user:password@mail.example.fr:587'),
  MAIL_FROM: variable('hebergement@localhost', (t) => (isEmail(t) ? t : undefined), 'an email address, such as hebergement@cias.example.fr'),
  /** 1 behind a reverse proxy: the caller's address is read from X-Forwarded-For. */
  TRUST_PROXY: variable(false, (t) => (t === '1' ? true : t === '0' ? false : undefined), '1 (behind a reverse proxy) or 0'),
  LOG_LEVEL: variable('info' as const, (t) => LOG_LEVELS.find((l) => l === t), `one of ${LOG_LEVELS.join(', ')}`)
});

export type SettingName = keyof typeof settingsSchema.shape;
export type Settings = z.output<typeof settingsSchema>;

/** Values never repeated in an error message (they may hold a password). */
const SECRET: ReadonlySet<SettingName> = new Set<SettingName>(['SMTP_URL']);

/** A setting with a bad value: the message names each variable and says what it must be. */
export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Bad setting${problems.length > 1 ? 's' : ''}: ${problems.join('; ')}`);
    this.name = 'SettingsError';
  }
}

function problem(name: SettingName, message: string, raw: string | undefined): string {
  return SECRET.has(name) ? `${name} ${message}` : `${name} ${message} (got ${JSON.stringify(raw)})`;
}

type Env = Record<string, string | undefined>;

/** Reads and validates every setting at once; throws a SettingsError naming every bad variable. */
export function readSettings(env: Env = process.env): Settings {
  const names = Object.keys(settingsSchema.shape) as SettingName[];
  const input = Object.fromEntries(names.map((n) => [n, env[n]]));
  const result = settingsSchema.safeParse(input);
  if (result.success) return result.data;
  throw new SettingsError(
    result.error.issues.map((issue) => {
      const name = issue.path[0] as SettingName;
      return problem(name, issue.message, env[name]);
    })
  );
}

/** The last good value of each setting read from process.env, with the text it was read from. */
const lastRead = new Map<SettingName, { raw: string | undefined; value: unknown }>();

/**
 * One setting, read from the environment now; throws a SettingsError if its value is bad. The
 * variable is read at each call; its text is parsed again only when it changed (the hot paths read
 * settings on every request).
 */
export function setting<K extends SettingName>(name: K, env: Env = process.env): Settings[K] {
  const raw = env[name];
  const fromProcess = env === process.env;
  if (fromProcess) {
    const last = lastRead.get(name);
    if (last && last.raw === raw) return last.value as Settings[K];
  }
  const result = settingsSchema.shape[name].safeParse(raw);
  if (!result.success) throw new SettingsError(result.error.issues.map((issue) => problem(name, issue.message, raw)));
  if (fromProcess) lastRead.set(name, { raw, value: result.data });
  return result.data as Settings[K];
}

export const settings = {
  holdMinutes: () => setting('HOLD_MINUTES'),
  nightRolloverHour: () => setting('NIGHT_ROLLOVER_HOUR'),
  partnerRateLimit: () => setting('PARTNER_RATE_LIMIT'),
  writeBusyMs: () => setting('WRITE_BUSY_MS'),
  port: () => setting('PORT'),
  host: () => setting('HOST'),
  /** The web app's public address: ORIGIN, else http://HOST:PORT. */
  origin: () => setting('ORIGIN') ?? `http://${setting('HOST')}:${setting('PORT')}`,
  databasePath: () => setting('DATABASE_PATH'),
  demoDatabasePath: () => setting('DEMO_DATABASE_PATH'),
  migrationsDir: () => setting('MIGRATIONS_DIR'),
  sessionIdleMinutes: () => setting('SESSION_IDLE_MINUTES'),
  sessionAbsoluteHours: () => setting('SESSION_ABSOLUTE_HOURS'),
  protocolBudgetEuros: () => setting('PROTOCOL_BUDGET_EUROS'),
  smtpUrl: () => setting('SMTP_URL'),
  replicaUrl: () => setting('REPLICA_URL'),
  mailFrom: () => setting('MAIL_FROM'),
  trustProxy: () => setting('TRUST_PROXY'),
  logLevel: () => setting('LOG_LEVEL')
};

// Settings read from the environment (docs/api.md, "Settings"), read when asked so tests can set them.

function intSetting(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max} (got "${raw}")`);
  }
  return n;
}

export const settings = {
  holdMinutes: () => intSetting('HOLD_MINUTES', 15, 1, 24 * 60),
  nightRolloverHour: () => intSetting('NIGHT_ROLLOVER_HOUR', 12, 0, 23),
  partnerRateLimit: () => intSetting('PARTNER_RATE_LIMIT', 120, 1, 1_000_000),
  /** How long, in all, a write waits for the database's write lock before answering 503 busy. */
  writeBusyMs: () => intSetting('WRITE_BUSY_MS', 10_000, 1, 600_000),
  port: () => intSetting('PORT', 3000, 0, 65535),
  host: () => process.env.HOST || '127.0.0.1',
  databasePath: () => process.env.DATABASE_PATH || 'data/hebergement.sqlite'
};

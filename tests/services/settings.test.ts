// The settings: one zod schema reads every environment variable the service uses. A bad value is an
// error naming the variable, at the start of the server and of the command line; never a default.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, test } from 'vitest';
import { readSettings, setting, settings, SettingsError, type SettingName } from '../../src/services/config.ts';
import { protocolBudgetCents } from '../../src/services/protocol.ts';
import { sessionSettings } from '../../src/services/sessions.ts';
import { mailFrom, smtpUrl } from '../../src/services/notifications.ts';

const BAD: Array<[SettingName, string]> = [
  ['PORT', 'abc'],
  ['PORT', '70000'],
  ['PORT', '-1'],
  ['PORT', '80.5'],
  ['HOLD_MINUTES', 'abc'],
  ['HOLD_MINUTES', '0'],
  ['HOLD_MINUTES', '1e2'],
  ['NIGHT_ROLLOVER_HOUR', '24'],
  ['NIGHT_ROLLOVER_HOUR', 'noon'],
  ['PARTNER_RATE_LIMIT', '0'],
  ['WRITE_BUSY_MS', 'fast'],
  ['SESSION_IDLE_MINUTES', '-3'],
  ['SESSION_IDLE_MINUTES', 'thirty'],
  ['SESSION_ABSOLUTE_HOURS', '0'],
  ['SESSION_ABSOLUTE_HOURS', '2.5'],
  ['PROTOCOL_BUDGET_EUROS', 'lots'],
  ['PROTOCOL_BUDGET_EUROS', '-100'],
  ['PROTOCOL_BUDGET_EUROS', '2 000'],
  ['ORIGIN', 'hebergement.example.fr'],
  ['ORIGIN', 'ftp://hebergement.example.fr'],
  ['SMTP_URL', 'mail.example.fr'],
  ['SMTP_URL', 'http://mail.example.fr'],
  ['REPLICA_URL', '/srv/replica'],
  ['REPLICA_URL', 'http://replica.example.fr'],
  ['MAIL_FROM', 'hebergement'],
  ['TRUST_PROXY', 'yes'],
  ['TRUST_PROXY', 'true'],
  ['LOG_LEVEL', 'verbose'],
  ['LOG_LEVEL', 'INFO']
];

describe('a bad value is an error naming the variable, never a default', () => {
  test.each(BAD)('%s=%j', (name, value) => {
    expect(() => readSettings({ [name]: value })).toThrow(SettingsError);
    expect(() => readSettings({ [name]: value })).toThrow(new RegExp(`^Bad setting: ${name} must be `));
    expect(() => setting(name, { [name]: value })).toThrow(new RegExp(`${name} must be `));
  });

  test('every bad variable is named at once', () => {
    expect.hasAssertions();
    try {
      readSettings({ HOLD_MINUTES: 'abc', SESSION_IDLE_MINUTES: '-3', PROTOCOL_BUDGET_EUROS: 'lots' });
    } catch (e) {
      expect(e).toBeInstanceOf(SettingsError);
      const message = (e as Error).message;
      expect(message).toMatch(/^Bad settings: /);
      for (const name of ['HOLD_MINUTES', 'SESSION_IDLE_MINUTES', 'PROTOCOL_BUDGET_EUROS']) expect(message).toContain(`${name} must be`);
    }
  });

  test('the value of SMTP_URL, which may hold a password, is not repeated in the message', () => {
    expect(() => readSettings({ SMTP_URL: 'mail:s3cret@example.fr' })).toThrow(/SMTP_URL must be/);
    expect(() => readSettings({ SMTP_URL: 'mail:s3cret@example.fr' })).not.toThrow(/s3cret/);
  });
});

describe('good values and defaults are as before', () => {
  test('unset or blank: the defaults', () => {
    const defaults = {
      PORT: 3000,
      HOST: '127.0.0.1',
      ORIGIN: null,
      DATABASE_PATH: 'data/hebergement.sqlite',
      DEMO_DATABASE_PATH: 'data/demo.sqlite',
      MIGRATIONS_DIR: 'db/migrations',
      HOLD_MINUTES: 15,
      NIGHT_ROLLOVER_HOUR: 12,
      PARTNER_RATE_LIMIT: 120,
      WRITE_BUSY_MS: 10_000,
      SESSION_IDLE_MINUTES: 30,
      SESSION_ABSOLUTE_HOURS: 12,
      PROTOCOL_BUDGET_EUROS: 2000,
      REPLICA_URL: null,
      SMTP_URL: null,
      MAIL_FROM: 'hebergement@localhost',
      TRUST_PROXY: false,
      LOG_LEVEL: 'info'
    };
    expect(readSettings({})).toEqual(defaults);
    expect(readSettings(Object.fromEntries(Object.keys(defaults).map((k) => [k, ' '])))).toEqual(defaults);
  });

  test.each([
    ['PORT', '0', 0],
    ['PORT', '8080', 8080],
    ['HOLD_MINUTES', '5', 5],
    ['NIGHT_ROLLOVER_HOUR', '0', 0],
    ['SESSION_IDLE_MINUTES', '10', 10],
    ['SESSION_ABSOLUTE_HOURS', '1', 1],
    ['PROTOCOL_BUDGET_EUROS', '0', 0],
    ['PROTOCOL_BUDGET_EUROS', '1500.50', 1500.5],
    ['ORIGIN', 'https://hebergement.example.fr', 'https://hebergement.example.fr'],
    ['SMTP_URL', 'smtp://127.0.0.1:2525', 'smtp://127.0.0.1:2525'],
    ['REPLICA_URL', 'file:///srv/replica/hebergement', 'file:///srv/replica/hebergement'],
    ['REPLICA_URL', 's3://bucket/hebergement?endpoint=https://s3.example.fr', 's3://bucket/hebergement?endpoint=https://s3.example.fr'],
    ['MAIL_FROM', 'hebergement@cias.test', 'hebergement@cias.test'],
    ['TRUST_PROXY', '1', true],
    ['TRUST_PROXY', '0', false],
    ['LOG_LEVEL', 'warn', 'warn'],
    ['MIGRATIONS_DIR', '/srv/hebergement/migrations', '/srv/hebergement/migrations']
  ] as Array<[SettingName, string, unknown]>)('%s=%j is %j', (name, value, expected) => {
    expect(readSettings({ [name]: value })[name]).toEqual(expected);
    expect(setting(name, { [name]: value })).toEqual(expected);
  });
});

describe('the services read the settings when asked, and refuse a bad value', () => {
  const touched = ['HOLD_MINUTES', 'SESSION_IDLE_MINUTES', 'SESSION_ABSOLUTE_HOURS', 'PROTOCOL_BUDGET_EUROS', 'SMTP_URL', 'MAIL_FROM'];
  const saved = Object.fromEntries(touched.map((k) => [k, process.env[k]]));
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  });

  test('a value set at run time is seen at the next call', () => {
    process.env.PROTOCOL_BUDGET_EUROS = '100';
    process.env.SESSION_IDLE_MINUTES = '10';
    process.env.HOLD_MINUTES = '5';
    expect(protocolBudgetCents()).toBe(10_000);
    expect(sessionSettings.idleMs()).toBe(600_000);
    expect(settings.holdMinutes()).toBe(5);
    delete process.env.PROTOCOL_BUDGET_EUROS;
    expect(protocolBudgetCents()).toBe(200_000);
  });

  test.each([
    ['PROTOCOL_BUDGET_EUROS', 'lots', () => protocolBudgetCents()],
    ['SESSION_IDLE_MINUTES', '-3', () => sessionSettings.idleMs()],
    ['SESSION_ABSOLUTE_HOURS', 'twelve', () => sessionSettings.absoluteMs()],
    ['HOLD_MINUTES', 'abc', () => settings.holdMinutes()],
    ['SMTP_URL', 'mail.example.fr', () => smtpUrl()],
    ['MAIL_FROM', 'nobody', () => mailFrom()]
  ] as Array<[string, string, () => unknown]>)('%s=%j: the service throws, naming it', (name, value, read) => {
    process.env[name] = value;
    expect(read).toThrow(new RegExp(`${name} must be`));
  });
});

const TSX = join(process.cwd(), 'node_modules/.bin/tsx');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs an entry point with `env` on a new database path; resolves with its exit code and output. */
function run(entry: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'hebergement-settings-'));
  dirs.push(dir);
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(process.cwd(), entry), ...args], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_PATH: join(dir, 'hebergement.sqlite'), PORT: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe']
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('a bad value stops the start with the message', () => {
  test.each([
    ['HOLD_MINUTES', 'abc'],
    ['SESSION_IDLE_MINUTES', '-3'],
    ['PROTOCOL_BUDGET_EUROS', 'lots']
  ])('npm start with %s=%s exits non-zero, naming it, and never listens', async (name, value) => {
    const r = await run('src/http/start.ts', [], { [name]: value });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(`${name} must be`);
    expect(r.stdout).not.toContain('is listening');
  }, 60_000);

  test('the command line with LOG_LEVEL=loud exits non-zero, naming it, and creates nothing', async () => {
    const r = await run('src/cli/main.ts', ['token', 'create', '--name', 'x', '--role', 'admin'], { LOG_LEVEL: 'loud' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('LOG_LEVEL must be one of');
    expect(r.stdout).not.toContain('Created');
  }, 60_000);
});

// The Litestream configuration the service writes: how far behind the replica may fall is set here.
// The database's WAL is looked at every monitor-interval and shipped every sync-interval, so a
// placement reaches the replica at worst about their sum after its commit.
import { expect, test } from 'vitest';
import { litestreamConfig } from '#services/replication.ts';

function ms(config: string, key: string): number {
  const m = new RegExp(`^\\s*${key}: (\\d+)(ms|s)\\b`, 'm').exec(config);
  if (!m) throw new Error(`${key} missing from:\n${config}`);
  return Number(m[1]) * (m[2] === 's' ? 1000 : 1);
}

test('the replica is never more than half a second behind by configuration (WAL looked at and shipped every 200 ms)', () => {
  const config = litestreamConfig('/var/lib/hebergement/hebergement.sqlite', 'file:///srv/replica/hebergement');
  expect(ms(config, 'monitor-interval') + ms(config, 'sync-interval')).toBeLessThanOrEqual(500);
  // A snapshot a day and a week kept, as documented.
  expect(config).toMatch(/snapshot-interval: 24h/);
  expect(config).toMatch(/retention: 168h/);
});

test('an S3-compatible endpoint given in the URL goes to its own key, path-style', () => {
  const config = litestreamConfig('/data/h.sqlite', 's3://bucket/path?endpoint=https%3A%2F%2Fs3.example.org');
  expect(config).toContain('url: "s3://bucket/path"');
  expect(config).toContain('endpoint: "https://s3.example.org"');
  expect(config).toContain('force-path-style: true');
  expect(ms(config, 'sync-interval')).toBeLessThanOrEqual(250);
});

test('the documented configuration in deploy/ uses the same intervals', async () => {
  const { readFileSync } = await import('node:fs');
  const documented = readFileSync('deploy/litestream.yml', 'utf8');
  const written = litestreamConfig('/var/lib/hebergement/hebergement.sqlite', 'file:///srv/replica/hebergement');
  for (const key of ['monitor-interval', 'sync-interval']) expect(ms(documented, key)).toBe(ms(written, key));
});

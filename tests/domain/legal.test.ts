// The accessibility status (RGAA 4.1): from the last audit's rate of criteria met; no audit is
// « non conforme » (an automated scan is not an audit). And the statement's test environment names
// the axe-core version the tests really run.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AXE_CORE_VERSION, complianceStatus, type ComplianceStatus } from '../../src/domain/legal.ts';

describe('complianceStatus', () => {
  const TABLE: [number | null, ComplianceStatus][] = [
    [null, 'non_compliant'],
    [Number.NaN, 'non_compliant'],
    [0, 'non_compliant'],
    [49.9, 'non_compliant'],
    [50, 'partial'],
    [72.5, 'partial'],
    [99.9, 'partial'],
    [100, 'full']
  ];
  it.each(TABLE)('a rate of %s is %s', (rate, status) => {
    expect(complianceStatus(rate)).toBe(status);
  });

  it('never says more than the rate: the status only rises with it', () => {
    const order: ComplianceStatus[] = ['non_compliant', 'partial', 'full'];
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), (a, b) => {
        const [lo, hi] = [Math.min(a, b) / 10, Math.max(a, b) / 10];
        expect(order.indexOf(complianceStatus(lo))).toBeLessThanOrEqual(order.indexOf(complianceStatus(hi)));
      })
    );
  });
});

describe('the statement’s test environment', () => {
  it('names the axe-core version installed', () => {
    const require = createRequire(import.meta.url);
    const version = JSON.parse(readFileSync(require.resolve('axe-core/package.json'), 'utf8')).version as string;
    expect(version.split('.').slice(0, 2).join('.')).toBe(AXE_CORE_VERSION);
  });
});

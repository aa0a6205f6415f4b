// What a chart's text summary names: the largest value (none when all are 0) and the smallest.
import { describe, expect, it } from 'vitest';
import { highestIndex, lowestIndex } from '../../src/lib/components/charts/chart.ts';

describe('highestIndex and lowestIndex', () => {
  it.each([
    { values: [], high: -1, low: -1 },
    { values: [0, 0, 0], high: -1, low: 0 },
    { values: [3, 7, 7, 1], high: 1, low: 3 },
    { values: [5], high: 0, low: 0 },
    { values: [0.25, 0.5, 0.125], high: 1, low: 2 }
  ])('$values: the highest at $high, the lowest at $low (the first of equals)', ({ values, high, low }) => {
    expect.hasAssertions();
    expect(highestIndex(values)).toBe(high);
    expect(lowestIndex(values)).toBe(low);
  });
});

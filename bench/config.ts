// The bench's fixed parameters: the 14-night window and the datasets (cached under bench/out/).
export const WINDOW = { from: '2027-03-01', to: '2027-03-15' } as const;
export const OUT = 'bench/out';

/**
 * Availability, computed and cached: 500 units, 234 short stays each (about 117,000) over two years
 * centred on the day the file was made (half of them ahead of it).
 */
export const DATASET_B = { file: `${OUT}/availability-500u-234s-2y-v3.sqlite`, units: 500, staysPerUnit: 234, seed: 20270302 };
/** The cost against the size of the calendar: 500 units, 20, 200 and 2,000 stays each, centred on WINDOW. */
export const CALENDAR_SIZES = [20, 200, 2_000].map((staysPerUnit) => ({ file: `${OUT}/calendar-500u-${staysPerUnit}s-v1.sqlite`, units: 500, staysPerUnit, seed: 20270300 + staysPerUnit }));
export const PLACEMENTS_DB = `${OUT}/http-placements.sqlite`;
export const PLACEMENT_UNITS = 200;

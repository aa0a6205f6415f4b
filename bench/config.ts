// The bench's fixed parameters: the 14-night window and the datasets (cached under bench/out/).
export const WINDOW = { from: '2027-03-01', to: '2027-03-15' } as const;
export const OUT = 'bench/out';

export const DATASET_A = { file: `${OUT}/availability-2000u-500s-v2.sqlite`, units: 2_000, staysPerUnit: 500, seed: 20270301 };
export const DATASET_B = { file: `${OUT}/http-availability-500u-60s-v2.sqlite`, units: 500, staysPerUnit: 60, seed: 20270302 };
export const PLACEMENTS_DB = `${OUT}/http-placements.sqlite`;
export const PLACEMENT_UNITS = 200;

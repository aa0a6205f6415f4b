import { describe, expect, it } from 'vitest';
import { addressWithCommune } from '../../src/domain/addresses.ts';

describe('an address written with its commune names the town once', () => {
  it.each([
    { address: '15 chemin des Vignes, 34400 Lunel-Viel', commune: 'Lunel-Viel', want: '15 chemin des Vignes, 34400 Lunel-Viel' },
    { address: '8 rue Lakanal, 34400 Lunel', commune: 'Lunel', want: '8 rue Lakanal, 34400 Lunel' },
    { address: '8 rue Lakanal 34400 LUNEL', commune: 'Lunel', want: '8 rue Lakanal 34400 LUNEL' },
    { address: '21 rue de la Poste, Saint-Just', commune: 'Saint Just', want: '21 rue de la Poste, Saint-Just' },
    { address: '3 rue du Vieux Four, Saint-Christol, 34400 Entre-Vignes', commune: 'Entre-Vignes', want: '3 rue du Vieux Four, Saint-Christol, 34400 Entre-Vignes' },
    { address: '2 place des Arènes, 34590 Marsillargues', commune: 'marsillargues', want: '2 place des Arènes, 34590 Marsillargues' },
    { address: '12 rue de Saint-Géniès, 34160 Saint-Geniès-des-Mourgues ', commune: 'Saint-Géniès-des-Mourgues', want: '12 rue de Saint-Géniès, 34160 Saint-Geniès-des-Mourgues' },
    // The town is not there: it is added.
    { address: '8 rue Lakanal', commune: 'Lunel', want: '8 rue Lakanal, Lunel' },
    { address: '8 rue de Lunel', commune: 'Lunel', want: '8 rue de Lunel, Lunel' },
    { address: '5 route de Lunel, 34400 Lunel-Viel', commune: 'Lunel', want: '5 route de Lunel, 34400 Lunel-Viel, Lunel' },
    { address: '15 chemin des Vignes, 34400 Lunel-Viel', commune: 'Lunel', want: '15 chemin des Vignes, 34400 Lunel-Viel, Lunel' },
    { address: 'Mas des Pins', commune: 'Boisseron', want: 'Mas des Pins, Boisseron' }
  ])('$address + $commune → $want', ({ address, commune, want }) => {
    expect(addressWithCommune(address, commune)).toBe(want);
  });
});

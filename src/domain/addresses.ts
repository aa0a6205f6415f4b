// How a dwelling's address is written out with its commune: the commune is added only when the
// address does not already end with it (« 8 rue Lakanal, 34400 Lunel » is not followed by « Lunel »).

/** Lower case, without accents, hyphens and punctuation as single spaces: « Saint-Just » is « saint just ». */
function plain(s: string): string {
  return s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * The address followed by its commune, unless the address already ends with that commune: as its
 * last comma-separated part, or after a five-digit postcode (« …, 34400 Lunel », « … 34400 LUNEL »,
 * « …, Lunel »). A street named after the town (« 8 rue de Lunel ») still gets its commune.
 */
export function addressWithCommune(address: string, commune: string): string {
  const a = address.trim();
  const c = commune.trim();
  if (!c) return a;
  if (!a) return c;
  const last = a.slice(a.lastIndexOf(',') + 1);
  const town = /(?:^|\s)\d{5}\s+(.+)$/u.exec(last)?.[1] ?? (a.includes(',') ? last : '');
  return plain(town) === plain(c) ? a : `${a}, ${c}`;
}

// Page data that only the server's render reads. SvelteKit serialises a page's load data (devalue)
// even when the page ships no JavaScript (csr = false) and then throws that text away: wrapping the
// data in RenderOnly lets the transport hook (src/hooks.ts) stand for it with one token, so a large
// page's data is not walked for nothing. A page that hydrates must not use it: its browser would
// get no data, and decoding says so.
// A page that ships no JavaScript is still reached by client-side navigation from pages that do (a
// link in the header): SvelteKit then asks for its data alone (`isDataRequest`), which must carry
// the data itself. `renderOnly` wraps it only for a full page render.

export class RenderOnly<T> {
	constructor(readonly value: T) {}
}

export const renderOnlyTransport = {
	encode: (value: unknown) => value instanceof RenderOnly && 1,
	decode: (): never => {
		throw new Error('RenderOnly data is for pages that ship no JavaScript (csr = false): it never reaches the browser');
	}
};

/** The page's data: wrapped for a full page render, plain (the same shape) for a data request. */
export function renderOnly<T>(isDataRequest: boolean, value: T): { readonly value: T } {
	return isDataRequest ? { value } : new RenderOnly(value);
}

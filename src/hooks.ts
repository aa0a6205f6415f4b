// Universal hooks: how page data crosses from the server's render to the browser.
import type { Transport } from '@sveltejs/kit';
import { renderOnlyTransport } from '$lib/render-only';

export const transport: Transport = { RenderOnly: renderOnlyTransport };

import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { CSP_DIRECTIVES } from './src/http/csp.js';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // Routes live at the repository root (docs/architecture.md, "Rooms"); kit 2.70 supports these keys.
    files: { routes: 'routes', assets: 'static', lib: 'src/lib', appTemplate: 'src/app.html' },
    csp: {
      mode: 'auto',
      // One policy for the pages and the API's docs (src/http/csp.js).
      directives: /** @type {any} */ (CSP_DIRECTIVES)
    },
    typescript: {
      config: (tsconfig) => {
        tsconfig.include.push('../db/**/*.ts', '../bench/**/*.ts', '../*.ts');
        return tsconfig;
      }
    }
  }
};

export default config;

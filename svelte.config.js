import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
  preprocess: vitePreprocess(),
  kit: {
    adapter: adapter({ out: 'build' }),
    // Routes live at the repository root (ARCHITECTURE.md); kit 2.70 supports these keys.
    files: { routes: 'routes', assets: 'static', lib: 'src/lib', appTemplate: 'src/app.html' },
    csp: {
      mode: 'auto',
      directives: {
        'default-src': ['self'],
        'script-src': ['self'],
        'style-src': ['self', 'unsafe-inline'],
        'img-src': ['self', 'data:'],
        'object-src': ['none'],
        'base-uri': ['self'],
        'frame-ancestors': ['none'],
        'form-action': ['self']
      }
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

import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Svelte components mounted in happy-dom need Svelte's client build (the default config resolves
 * the server build in Node). Run by npm test (npm run test:dom).
 */
export default defineConfig({
  root,
  plugins: [svelte()],
  resolve: { conditions: ['browser'] },
  test: {
    root,
    include: ['test/**/*.dom.ts'],
    environment: 'happy-dom',
    testTimeout: 60_000,
  },
});

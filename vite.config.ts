import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { withCspMeta } from './core/server/csp.ts';

// The renderer is built once and loaded from file:// (Electron) or 127.0.0.1 (browser mode): relative base.
// The CSP meta tag comes from the one policy in core/server/csp.ts (file:// pages get no headers).
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [
    react(),
    {
      name: 'uia-csp',
      transformIndexHtml: withCspMeta,
    },
  ],
  build: { outDir: '../dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 2500, sourcemap: false },
});

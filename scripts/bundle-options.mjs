// esbuild options shared by the Electron build and the CLI build: Node 20, better-sqlite3 (native)
// external, and the engine worker found beside the bundle (core/worker/worker-backend.ts reads
// UIA_ENGINE_WORKER; import.meta.url is given a value in CommonJS, where esbuild leaves it empty).
export function bundleOptions(format, external = []) {
  const ext = format === 'cjs' ? 'cjs' : 'mjs';
  return {
    bundle: true, platform: 'node', format, target: 'node20', logLevel: 'warning',
    external: ['better-sqlite3', ...external],
    define: { UIA_ENGINE_WORKER: JSON.stringify(`engine-worker.${ext}`), ...(format === 'cjs' ? { 'import.meta.url': '__uiaModuleUrl' } : {}) },
    banner: {
      js: format === 'cjs'
        ? "const __uiaModuleUrl = require('node:url').pathToFileURL(__filename).href;"
        // CommonJS dependencies bundled into ESM still call require() for Node's modules.
        : "import { createRequire as __uiaCreateRequire } from 'node:module'; const require = __uiaCreateRequire(import.meta.url);",
    },
  };
}

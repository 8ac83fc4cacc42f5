/**
 * Runs @doyensec/electronegativity over one folder and prints its findings as JSON on stdout.
 * A separate process because it needs two patches to CommonJS loading that must not leak into
 * the test runner:
 * - its TypeScript parser (@typescript-eslint/typescript-estree 4) is hoisted next to the
 *   project's TypeScript 7, which has no JavaScript API; it is pointed at the TypeScript 4.2
 *   that electronegativity ships in its own node_modules;
 * - it fetches translations and Electron's release list over the network; `got` is replaced by
 *   a stand-in that fails at once, so the scan is offline and deterministic (the release check,
 *   which needs that list, is excluded by the caller).
 * Usage: node electronegativity-scan.cjs DIR [ExcludedCheck...]
 */
'use strict';
const Module = require('node:module');
const { dirname } = require('node:path');

const enDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const typescript42 = require.resolve('typescript', { paths: [enDir] });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (request === 'typescript' && parent && /[\\/]@typescript-eslint[\\/]/.test(parent.filename ?? '')) return typescript42;
  return resolve.call(this, request, parent, ...rest);
};
const offline = () => Promise.reject(new Error('offline: electronegativity runs without network in tests'));
offline.head = offline;
const gotPath = require.resolve('got', { paths: [enDir] });
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };

const [input, ...excluded] = process.argv.slice(2);
// The Electron the app is built for (its binary is not installed here): the lowest the range admits.
const pkg = require(require('node:path').resolve(input, 'package.json'));
const electronRange = pkg.dependencies?.electron ?? pkg.devDependencies?.electron ?? pkg.optionalDependencies?.electron;
const electronVersion = require(require.resolve('semver', { paths: [enDir] })).minVersion(electronRange).version;
const log = console.log;
console.log = (...a) => process.stderr.write(a.join(' ') + '\n'); // its progress notes, off stdout

require('@doyensec/electronegativity')({ input, isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: excluded }, false)
  .then((r) => {
    const issues = r.issues.map((i) => ({
      id: i.id, file: i.file, line: i.location.line, column: i.location.column,
      severity: i.severity.name, confidence: i.confidence.name, manualReview: Boolean(i.manualReview),
      description: i.description,
    }));
    log(JSON.stringify({ checks: r.globalChecks + r.atomicChecks, electronVersion, errors: r.errors, issues }));
  })
  .catch((e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(1); });

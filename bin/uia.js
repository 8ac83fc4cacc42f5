#!/usr/bin/env node
// The `uia` command: runs the TypeScript CLI through tsx, so the CLI and the app share one core.
import { register } from 'tsx/esm/api';
register();
await import('../core/cli/main.ts');

#!/usr/bin/env node
// `npx jenjang …` runs the TypeScript sources directly (no build step) through tsx.
import { register } from 'tsx/esm/api';
import { fileURLToPath } from 'node:url';

register();
const { runCli } = await import(fileURLToPath(new URL('../src/cli/index.ts', import.meta.url)));
const code = await runCli(process.argv.slice(2));
process.exitCode = code;

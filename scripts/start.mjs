// `npm start`: build the app and run it in Electron on the user's database (created in the
// user-data folder on first start, which then offers demo data). `--dev` runs with hot reload.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronNative } from './native.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const dev = process.argv.includes('--dev');

const env = { ...process.env, JENJANG_NATIVE_BINDING: ensureElectronNative() };
const electronVite = join(
  dirname(require.resolve('electron-vite/package.json')),
  'bin',
  'electron-vite.js',
);

if (dev) {
  spawn(process.execPath, [electronVite, 'dev'], { cwd: root, env, stdio: 'inherit' }).on(
    'exit',
    (c) => process.exit(c ?? 0),
  );
} else {
  const build = spawnSync(process.execPath, [electronVite, 'build'], {
    cwd: root,
    env,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
  // Requiring 'electron' from Node gives the binary's path (downloaded on first use).
  const electronPath = require('electron');
  spawn(electronPath, ['.'], { cwd: root, env, stdio: 'inherit' }).on('exit', (c) =>
    process.exit(c ?? 0),
  );
}

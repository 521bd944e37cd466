// better-sqlite3 is a native module: Node (tests, CLI) and Electron (the app) need different
// builds. We never switch the copy in node_modules: it stays built for Node, and the Electron
// build lives in .cache/electron-native/<version>/, handed to better-sqlite3 through
// JENJANG_NATIVE_BINDING (its `nativeBinding` option). So `npm start` and `npm test` never fight.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));

/** Make sure node_modules/better-sqlite3 loads in this Node; rebuild it from source if not. */
export function ensureNodeNative() {
  const probe = () =>
    execFileSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
      cwd: root,
      stdio: 'pipe',
    });
  try {
    probe();
  } catch (e) {
    console.log('[native] better-sqlite3 does not load in Node %s; rebuilding…', process.version);
    console.log(
      String(e.stderr ?? e)
        .split('\n')
        .slice(0, 3)
        .join('\n'),
    );
    execFileSync('npm', ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit' });
    probe();
  }
}

/** Path of a better-sqlite3 build for this Electron, building it on first use. */
export function ensureElectronNative() {
  const electronVersion = require('electron/package.json').version;
  const target = join(
    root,
    '.cache',
    'electron-native',
    `${electronVersion}-${process.platform}-${process.arch}`,
  );
  const binding = join(target, 'build', 'Release', 'better_sqlite3.node');
  if (existsSync(binding)) return binding;
  console.log(
    `[native] building better-sqlite3 for Electron ${electronVersion} (first start only)…`,
  );
  rmSync(target, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  const src = dirname(require.resolve('better-sqlite3/package.json'));
  cpSync(src, target, { recursive: true, filter: (p) => !p.includes(`${src}/build`) });
  const common = { cwd: target, stdio: 'inherit', shell: process.platform === 'win32' };
  try {
    // Prebuilt binary published by better-sqlite3 for this Electron ABI.
    const prebuild = require.resolve('prebuild-install/bin.js');
    execFileSync(
      process.execPath,
      [
        prebuild,
        '--runtime',
        'electron',
        '--target',
        electronVersion,
        '--arch',
        process.arch,
        '--platform',
        process.platform,
      ],
      common,
    );
  } catch {
    // No prebuilt: compile against Electron's headers with node-gyp (needs a C++ toolchain).
    execFileSync(
      'npx',
      [
        '--yes',
        'node-gyp',
        'rebuild',
        '--release',
        `--target=${electronVersion}`,
        '--runtime=electron',
        '--dist-url=https://electronjs.org/headers',
        `--arch=${process.arch}`,
      ],
      common,
    );
  }
  if (!existsSync(binding))
    throw new Error(`better-sqlite3 for Electron was not produced at ${binding}`);
  return binding;
}

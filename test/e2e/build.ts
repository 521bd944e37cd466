import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT, RENDERER_DIR } from './bridge';

/** Everything the renderer bundle is made from. */
const SOURCES = ['src/renderer', 'src/shared', 'electron.vite.config.ts', 'package-lock.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const e of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, e)));
  return newest;
}

let checked = false;

/**
 * Build out/renderer when it is missing or older than its sources (`npm run test:e2e` builds
 * everything first, so then this is a no-op). Builds the renderer alone, see
 * vite.renderer.config.ts.
 */
export function ensureRendererBuilt(): void {
  // Once per test process: a spec file runs against one bundle even if sources change meanwhile.
  if (checked || process.env.JENJANG_E2E_RENDERER_DIR) return;
  const index = join(RENDERER_DIR, 'index.html');
  const built = existsSync(index) ? statSync(index).mtimeMs : 0;
  const sources = Math.max(...SOURCES.map((s) => newestMtime(join(REPO_ROOT, s))));
  if (built > sources) {
    checked = true;
    return;
  }
  try {
    execFileSync('npx', ['vite', 'build', '--config', 'test/e2e/vite.renderer.config.ts'], {
      cwd: REPO_ROOT,
      stdio: 'pipe',
      encoding: 'utf8',
      env: { ...process.env, VITE_CONFIG_NATIVE_IGNORE_WARNING: 'true' },
    });
    checked = true;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    throw new Error(`renderer build failed:\n${err.stdout ?? ''}\n${err.stderr ?? ''}`);
  }
}

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSP, WEB_PREFERENCES, isAllowedExternalUrl, isOwnUrl } from '../../src/main/security';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

describe('Electron hardening', () => {
  it('window runs sandboxed, isolated, without Node', () => {
    expect(WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });

  it('CSP allows only our own scripts and no remote content', () => {
    expect(CSP).toContain("default-src 'none'");
    expect(CSP).toContain("script-src 'self'");
    expect(CSP).not.toMatch(/unsafe-eval|https?:|\*/);
    const html = readFileSync('src/renderer/index.html', 'utf8');
    expect(html).toContain('Content-Security-Policy');
    expect(html).not.toMatch(/<script>(?!<\/script>)/);
  });

  it('navigation stays in the app; only https links go to the system browser', () => {
    expect(isOwnUrl('file:///app/index.html', undefined)).toBe(true);
    expect(isOwnUrl('https://evil.example', undefined)).toBe(false);
    expect(isOwnUrl('http://localhost:5173/x', 'http://localhost:5173')).toBe(true);
    expect(isAllowedExternalUrl('https://jenjang.example/help')).toBe(true);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
  });

  it('only the thin entry files import electron', () => {
    const allowed = [
      'src/main/index.ts',
      'src/main/window.ts',
      'src/main/ipc/register.ts',
      'src/preload/index.ts',
    ];
    const importers = files('src')
      .filter((f) => /\.(ts|tsx)$/.test(f))
      .filter((f) => /from 'electron'|require\('electron'\)/.test(readFileSync(f, 'utf8')))
      .map((f) => relative('.', f));
    expect(importers.sort()).toEqual(allowed.sort());
  });

  it('the preload exposes one generic invoke and nothing else', () => {
    const src = readFileSync('src/preload/index.ts', 'utf8');
    expect(src.match(/exposeInMainWorld/g)).toHaveLength(1);
    expect(src).not.toMatch(/ipcRenderer\.(on|send|sendSync)\b/);
  });
});

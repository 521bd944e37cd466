import { useSyncExternalStore } from 'react';

/**
 * A tiny hash router: `#/members/M001` → `['members', 'M001']`. Hash URLs keep working with
 * `loadFile` in Electron and never trigger a navigation the main process would block.
 */
function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

const getHash = () => window.location.hash;

export function parseHash(hash: string): string[] {
  return hash
    .replace(/^#\/?/, '')
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
}

export function hrefFor(...segments: string[]): string {
  return `#/${segments.map(encodeURIComponent).join('/')}`;
}

/** The current path segments; re-renders on every hash change. */
export function useHashPath(): string[] {
  const hash = useSyncExternalStore(subscribe, getHash);
  return parseHash(hash);
}

export function navigate(...segments: string[]): void {
  window.location.hash = hrefFor(...segments);
}

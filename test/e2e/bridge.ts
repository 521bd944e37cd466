/**
 * TEST-ONLY HTTP bridge: serves the built renderer (out/renderer) on 127.0.0.1 and answers
 * `POST /__api {channel, input}` through the real dispatch() on a real temp SQLite file, so a
 * plain Chromium can run the app without Electron. Never part of the app bundle: the renderer
 * reaches it through a `window.api` shim that the harness injects with page.addInitScript.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDb, type Db } from '../../src/main/db/client';
import type { AnyCtx, Ctx } from '../../src/main/ipc/context';
import { createSession } from '../../src/main/services/auth';
import { dispatch } from '../../src/main/ipc/dispatch';
import { CSP } from '../../src/main/security';

export const REPO_ROOT = resolve(fileURLToPath(new URL('../..', import.meta.url)));
/** The bundle served; JENJANG_E2E_RENDERER_DIR points at a prebuilt one (then no build). */
export const RENDERER_DIR = process.env.JENJANG_E2E_RENDERER_DIR
  ? resolve(process.env.JENJANG_E2E_RENDERER_DIR)
  : join(REPO_ROOT, 'out', 'renderer');
export const API_PATH = '/__api';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.map': 'application/json; charset=utf-8',
};

export interface DemoSeed {
  members: number;
  months?: number;
  seed?: number;
}

export interface BridgeOptions {
  /** Fill the fresh database with demo data (through dispatch, as the app would) before serving. */
  seedDemo?: DemoSeed;
  /** Directory with the built renderer; default out/renderer. */
  rendererDir?: string;
  /** Act like the desktop app with sign-in required: calls run as the session's user. */
  requireLogin?: boolean;
}

export interface Bridge {
  /** `http://127.0.0.1:PORT/` */
  url: string;
  db: Db;
  /** The context every /__api call runs with: the local admin. */
  ctx: Ctx;
  /** Calls that reached /__api, in order (channel names), for assertions. */
  calls: string[];
  /** Calls received and not answered yet. */
  inFlight: () => number;
  /** Extra delay in ms before answering a channel, to observe loading states. Mutable. */
  latency: Partial<Record<string, number>>;
  close: () => Promise<void>;
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CSP,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}

/** Up to an imported file's size (the contract allows 200 MiB of base64; it checks the rest). */
async function readBody(req: IncomingMessage, limit = 256 * 1024 * 1024): Promise<string> {
  let size = 0;
  const chunks: Buffer[] = [];
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limit) throw new Error('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): void {
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  if (pathname === '/favicon.ico') {
    res.writeHead(204).end();
    return;
  }
  const rel = pathname === '/' ? 'index.html' : pathname.slice(1);
  const file = normalize(join(root, rel));
  if (!file.startsWith(root + sep)) return send(res, 403, 'text/plain', 'forbidden');
  try {
    if (!statSync(file).isFile()) throw new Error('not a file');
  } catch {
    return send(res, 404, 'text/plain', `not found: ${pathname}`);
  }
  send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', readFileSync(file));
}

export async function startBridge(opts: BridgeOptions = {}): Promise<Bridge> {
  const root = resolve(opts.rendererDir ?? RENDERER_DIR);
  const dir = mkdtempSync(join(tmpdir(), 'jenjang-e2e-'));
  const db = openDb(join(dir, 'jenjang.db'));
  const ctx: Ctx = { db, user: { username: 'admin', role: 'admin' } };
  const session = opts.requireLogin ? createSession(null) : undefined;
  const callCtx = (): AnyCtx => (session ? { db, user: session.current(db), session } : ctx);
  const calls: string[] = [];
  const latency: Partial<Record<string, number>> = {};
  let inFlight = 0;

  if (opts.seedDemo) {
    const res = await dispatch(
      'system:demo',
      {
        members: opts.seedDemo.members,
        months: opts.seedDemo.months ?? 3,
        seed: opts.seedDemo.seed ?? 1,
      },
      ctx,
    );
    if (!res.ok) throw new Error(`demo seed failed: ${res.error.code} ${res.error.message}`);
  }

  const server = createServer((req, res) => {
    if (req.url === API_PATH) {
      if (req.method !== 'POST') return send(res, 405, 'text/plain', 'POST only');
      inFlight++;
      readBody(req)
        .then(async (body) => {
          const { channel, input } = JSON.parse(body) as { channel: string; input: unknown };
          calls.push(channel);
          const delay = latency[channel];
          if (delay) await new Promise((r) => setTimeout(r, delay));
          const result = await dispatch(channel, input, callCtx());
          send(res, 200, TYPES['.json']!, JSON.stringify(result));
        })
        .catch((e: unknown) => {
          const message = e instanceof Error ? e.message : String(e);
          send(
            res,
            400,
            TYPES['.json']!,
            JSON.stringify({ ok: false, error: { code: 'VALIDATION', message } }),
          );
        })
        .finally(() => inFlight--);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'text/plain', 'method not allowed');
    }
    serveStatic(root, req, res);
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    db,
    ctx,
    calls,
    inFlight: () => inFlight,
    latency,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((ok) => server.close(() => ok()));
      db.sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The `window.api` the preload would expose, over fetch. Injected before any page script by
 * page.addInitScript (CDP, so CSP does not apply to it); it never ships in the app.
 */
export const WINDOW_API_SHIM = `
  Object.defineProperty(window, 'api', {
    value: Object.freeze({
      invoke: (channel, input) =>
        fetch(${JSON.stringify(API_PATH)}, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ channel, input }),
        }).then((r) => r.json()),
    }),
    configurable: false,
    writable: false,
  });
`;

import type { RunResult } from '../engine/types';
import type { LoadedSnapshot } from './snapshot';

/**
 * Compact per-member figures of a preview, kept (one row per open period in close_previews) so
 * the next preview can show what moved since. Layout of the blob:
 *   u32 count · u32 header length · header JSON `{ranks}` · pad to 8 ·
 *   f64 bonusTotal[count] · f64 gross[count] · f64 net[count] · i32 memberId[count] · i32 rank[count]
 * 28 bytes per member (2.8 MB at 100k members).
 */
export interface PreviewFigures {
  count: number;
  rankCodes: string[];
  memberId: Int32Array;
  rank: Int32Array;
  bonusTotal: Float64Array;
  gross: Float64Array;
  net: Float64Array;
}

export function figuresOf(snap: LoadedSnapshot, r: RunResult, rankCodes: string[]): PreviewFigures {
  const M = r.members;
  return {
    count: M.count,
    rankCodes,
    memberId: snap.memberId.slice(0, M.count),
    rank: M.rank.slice(0, M.count),
    bonusTotal: M.bonusTotal.slice(0, M.count),
    gross: M.gross.slice(0, M.count),
    net: M.net.slice(0, M.count),
  };
}

export function packFigures(f: PreviewFigures): Buffer {
  const header = Buffer.from(JSON.stringify({ ranks: f.rankCodes }), 'utf8');
  const headEnd = 8 + header.length;
  const start = Math.ceil(headEnd / 8) * 8;
  const n = f.count;
  const buf = Buffer.alloc(start + n * (8 * 3 + 4 * 2));
  buf.writeUInt32LE(n, 0);
  buf.writeUInt32LE(header.length, 4);
  header.copy(buf, 8);
  let at = start;
  for (const a of [f.bonusTotal, f.gross, f.net, f.memberId, f.rank]) {
    const bytes = Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    bytes.copy(buf, at);
    at += a.byteLength;
  }
  return buf;
}

export function unpackFigures(buf: Buffer): PreviewFigures {
  const n = buf.readUInt32LE(0);
  const h = buf.readUInt32LE(4);
  const { ranks } = JSON.parse(buf.toString('utf8', 8, 8 + h)) as { ranks: string[] };
  let at = Math.ceil((8 + h) / 8) * 8;
  // Copy into fresh (aligned) arrays: a Buffer from SQLite has no alignment guarantee.
  const f64 = (): Float64Array => {
    const a = new Float64Array(n);
    Buffer.from(a.buffer).set(buf.subarray(at, at + n * 8));
    at += n * 8;
    return a;
  };
  const i32 = (): Int32Array => {
    const a = new Int32Array(n);
    Buffer.from(a.buffer).set(buf.subarray(at, at + n * 4));
    at += n * 4;
    return a;
  };
  const bonusTotal = f64();
  const gross = f64();
  const net = f64();
  const memberId = i32();
  const rank = i32();
  return { count: n, rankCodes: ranks, memberId, rank, bonusTotal, gross, net };
}

import type { Language } from '../../i18n/define';

/**
 * parsePlan's messages (shared/plan.ts) are English, written for the CLI and logs; the editor
 * shows them in Indonesian. The JSON path before the message is never translated. A message
 * without a rule here is shown as main wrote it.
 */
const ID_RULES: [RegExp, (...m: string[]) => string][] = [
  [/^unknown field$/, () => 'kolom tidak dikenal'],
  [/^is required$/, () => 'wajib diisi'],
  [/^must be a whole number$/, () => 'harus bilangan bulat'],
  [/^must be an object$/, () => 'harus berupa objek'],
  [/^must be a (string|number|boolean|array)$/, (t) => `harus berupa ${TYPE_ID[t] ?? t}`],
  [/^must be (≥|>|≤|<) (.+)$/, (op, n) => `harus ${op} ${n}`],
  [/^must have at least (\d+) item\(s\)$/, (n) => `minimal ${n} isian`],
  [/^must have at most (\d+) item\(s\)$/, (n) => `maksimal ${n} isian`],
  [/^must not be empty$/, () => 'tidak boleh kosong'],
  [/^must not be blank$/, () => 'tidak boleh kosong'],
  [/^must be one of (.+)$/, (v) => `harus salah satu dari ${v}`],
  [/^must be (".*")$/, (v) => `harus ${v.replace(/" or "/g, '" atau "')}`],
  [/^must be 1–32 characters of (.+)$/, (s) => `harus 1–32 karakter ${s}`],
  [/^duplicate rank code (".*")$/, (c) => `kode peringkat ${c} ganda`],
  [/^duplicate bonus id (".*")$/, (c) => `id bonus ${c} ganda`],
  [/^the base rank has no requirements$/, () => 'peringkat dasar tidak punya syarat'],
  [/^unknown rank code (".*")$/, (c) => `kode peringkat ${c} tidak dikenal`],
  [
    /^only one (".*") bonus is allowed \(already (.+)\)$/,
    (t, at) => `hanya boleh satu bonus ${t} (sudah ada di ${at})`,
  ],
  [
    /^(".*") must name a bonus id listed before this matching bonus$/,
    (id) => `${id} harus id bonus yang tercantum sebelum bonus matching ini`,
  ],
  [/^not valid JSON: (.*)$/s, (m) => `bukan JSON yang valid: ${m}`],
];

const TYPE_ID: Record<string, string> = {
  string: 'teks',
  number: 'angka',
  boolean: 'true/false',
  array: 'daftar',
};

/** `bonuses[3].levels[1]: must be ≥ 0` → `{ path, message }` in the UI language. */
export function planError(error: string, lang: Language): { path: string; message: string } {
  const at = error.indexOf(': ');
  const path = at > 0 ? error.slice(0, at) : '';
  const message = at > 0 ? error.slice(at + 2) : error;
  if (lang !== 'id') return { path, message };
  for (const [re, fn] of ID_RULES) {
    const m = re.exec(message);
    if (m) return { path, message: fn(...m.slice(1)) };
  }
  return { path, message };
}

import { describe, expect, it } from 'vitest';
import type { MemberRow } from '../../src/shared/ipc/members.contract';
import { dispatch } from '../../src/main/ipc/dispatch';
import { chooseCsv, eventually, gridCell, shot, waitForFirstRow, type App } from './harness';
import { useSharedBridge } from './steps';

const spec = useSharedBridge({ seedDemo: { members: 2000, months: 3, seed: 1 } });

/** The server's answer for a grid query, to compare the grid with. */
const serverPage = (input: Parameters<typeof spec.server<'members:list'>>[1]) =>
  spec.server('members:list', input);

async function openMembers(): Promise<App> {
  const app = await spec.open('members');
  await waitForFirstRow(app.page);
  return app;
}

const totalText = () => spec.app.page.getByTestId('members-total').textContent();

describe('members grid (infinite row model over members:list)', () => {
  it('shows the demo members, in code order, with Indonesian labels and dates', async () => {
    const { page } = await openMembers();
    const expected = await serverPage({ limit: 3 });
    expect(expected.total).toBe(2000);
    expect(await totalText()).toBe('2.000 anggota');
    for (const [i, m] of expected.rows.entries()) {
      expect(await gridCell(page, i, 'code').textContent()).toBe(m.code);
      expect(await gridCell(page, i, 'name').textContent()).toBe(m.name);
    }
    const first = expected.rows[0]!;
    expect(await gridCell(page, 0, 'kind').textContent()).toBe(
      first.kind === 'customer' ? 'Konsumen' : 'Distributor',
    );
    // 2026-02-26 → "26 Feb 2026"
    expect(await gridCell(page, 0, 'joinDate').textContent()).toMatch(/^\d{1,2} \w{3} \d{4}$/);
    expect(await gridCell(page, 0, 'status').textContent()).toContain('Aktif');
    await shot(page, 'members-grid');
  });

  it('loads further blocks while scrolling, down to the last member', async () => {
    const { page } = await openMembers();
    // Focus a cell first (row 0, rendered on open): the grid keeps the focused row while it
    // scrolls, and the keys below act on it. (Clicking for focus after scrolling picked whichever
    // row the grid was recycling, and wheeling back up did not always reach the top.)
    await gridCell(page, 0, 'code').click();
    await eventually(() =>
      page.evaluate(`document.activeElement?.closest('.ag-row')?.getAttribute('row-index')`),
    ).toBe('0');
    await page.getByTestId('members-grid').hover();
    for (let i = 0; i < 8; i++) await page.mouse.wheel(0, 2000);
    // Rows beyond the first block (100 rows) arrive from a second members:list call.
    await eventually(
      () => spec.bridge.calls.filter((c) => c === 'members:list').length,
    ).toBeGreaterThan(1);
    // Keyboard, as in a spreadsheet: Ctrl+End focuses the last row (its block not loaded yet —
    // the grid fetches it), the focus stays there (ArrowUp moves from it), Ctrl+Home goes back.
    await eventually(() =>
      page.getByTestId('members-grid').locator('.ag-row-loading').count(),
    ).toBe(0);
    const [first, last] = [
      (await serverPage({ limit: 1 })).rows[0]!,
      (await serverPage({ offset: 1999, limit: 1 })).rows[0]!,
    ];
    // (A string: the test files are type-checked without the DOM library.)
    const focused = () =>
      page.evaluate(
        `(c => c?.closest('.ag-row')?.getAttribute('row-index') + ' ' + c?.textContent)(document.activeElement)`,
      );
    await page.keyboard.press('Control+End');
    await eventually(focused).toBe(`1999 ${last.code}`);
    await page.keyboard.press('ArrowUp');
    await eventually(focused).toMatch(/^1998 /);
    await page.keyboard.press('Control+Home');
    await eventually(focused).toBe(`0 ${first.code}`);
  });

  it('sorts on the server when a column header is clicked', async () => {
    const { page } = await openMembers();
    const header = page.locator('.ag-header-cell[col-id="name"]');
    await header.click();
    await eventually(() => header.getAttribute('aria-sort')).toBe('ascending');
    const asc = await serverPage({ limit: 1, sort: [{ colId: 'name', sort: 'asc' }] });
    await eventually(() => gridCell(page, 0, 'name').textContent()).toBe(asc.rows[0]!.name);
    await header.click();
    await eventually(() => header.getAttribute('aria-sort')).toBe('descending');
    const desc = await serverPage({ limit: 1, sort: [{ colId: 'name', sort: 'desc' }] });
    await eventually(() => gridCell(page, 0, 'name').textContent()).toBe(desc.rows[0]!.name);
  });

  it('quick search finds a member by code and by phone', async () => {
    const { page } = await openMembers();
    const target: MemberRow = (await serverPage({ offset: 1234, limit: 1 })).rows[0]!;
    const search = page.getByTestId('members-search');
    await search.fill(target.code);
    await eventually(totalText).toBe('1 anggota');
    await eventually(() => gridCell(page, 0, 'code').textContent()).toBe(target.code);
    expect(await gridCell(page, 0, 'name').textContent()).toBe(target.name);
    await shot(page, 'members-search');

    expect(target.phone).toBeTruthy();
    await search.fill(target.phone!);
    await eventually(totalText).toBe('1 anggota');
    await eventually(() => gridCell(page, 0, 'code').textContent()).toBe(target.code);

    await search.fill('');
    await eventually(totalText).toBe('2.000 anggota');
  });

  it('filters by kind', async () => {
    const { page } = await openMembers();
    const customers = await serverPage({ limit: 1, filter: { kind: 'customer' } });
    await page.getByTestId('members-kind').getByText('Konsumen', { exact: true }).click();
    await eventually(totalText).toBe(
      `${new Intl.NumberFormat('id-ID').format(customers.total)} anggota`,
    );
    await eventually(() => gridCell(page, 0, 'code').textContent()).toBe(customers.rows[0]!.code);
    expect(await gridCell(page, 0, 'kind').textContent()).toBe('Konsumen');
  });
});

describe('members: import, edit, move, genealogy (own database)', () => {
  const own = useSharedBridge({ seedDemo: { members: 300, months: 2, seed: 4 } });

  const member = (code: string) => own.server('members:get', { code });

  it('imports a file through the dialog: problems listed by line, then a clean import', async () => {
    const { page } = await own.open('members');
    await waitForFirstRow(page);
    await page.getByTestId('members-import').click();
    const input = page.locator('input[type="file"]');
    const header = 'code,name,kind,sponsor,placement,leg,join_date';
    await chooseCsv(
      input,
      'anggota.csv',
      `${header}\nIMP1,Ani Wijaya,distributor,D0000001,,,2026-10-01\nIMP2,Budi,customer,NOPE,,,2026-10-02\nIMP3,,distributor,IMP1,,,2026-13-01\n`,
    );
    await page.getByTestId('import-check').click();
    await eventually(() => page.getByTestId('import-problem-count').textContent()).toBe(
      '3 masalah — tidak ada yang diimpor',
    );
    const table = page.getByTestId('import-problems');
    expect(await table.locator('tbody tr').nth(0).textContent()).toBe(
      '3sponsorunknown member NOPE',
    );
    await shot(page, 'members-import-problems');
    expect((await dispatch('members:get', { code: 'IMP1' }, own.bridge.ctx)).ok).toBe(false);

    await chooseCsv(
      input,
      'anggota.csv',
      `${header}\nIMP2,Budi Rahman,customer,IMP1,,,2026-10-02\nIMP1,Ani Wijaya,distributor,D0000001,,,2026-10-01\n`,
    );
    await page.getByTestId('import-check').click();
    await eventually(() => page.getByTestId('import-valid').textContent()).toContain(
      'anggota.csv valid: 2 baris',
    );
    await page.getByTestId('import-run').click();
    await eventually(() => page.getByTestId('import-done').textContent()).toContain('2 anggota');
    await shot(page, 'members-import-done');
    expect((await member('IMP2')).sponsorCode).toBe('IMP1');

    // A large file: the check runs as a job in main's imports worker, the dialog shows its
    // progress (and Cancel) until the answer comes.
    const big = [header];
    for (let i = 1; i <= 40_000; i++) {
      big.push(`BIG${i},Anggota ${i},distributor,${i > 1 ? `BIG${i >> 1}` : 'IMP1'},,,2026-10-03`);
    }
    await chooseCsv(input, 'besar.csv', big.join('\n'));
    await page.getByTestId('import-check').click();
    await page.getByTestId('import-progress').waitFor({ state: 'visible' });
    expect(await page.getByTestId('import-progress').textContent()).toContain(
      'Memeriksa besar.csv',
    );
    await shot(page, 'members-import-progress');
    await eventually(() => page.getByTestId('import-valid').textContent()).toContain(
      'besar.csv valid: 40.000 baris',
    );
    expect(await page.getByTestId('import-progress').count()).toBe(0);
    await page.keyboard.press('Escape');
    await eventually(() => own.app.page.getByTestId('members-total').textContent()).toBe(
      '302 anggota',
    );
  });

  it('edits a name inline and shows a refused edit; edits through the form with field messages', async () => {
    const app = await own.open('members');
    const { page } = app;
    const target = (await own.server('members:list', { limit: 1 })).rows[0]!;
    const cell = gridCell(page, 0, 'name');
    await eventually(() => cell.textContent()).toBe(target.name);
    await cell.dblclick();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Baru Sekali');
    // In the editor Ctrl+Home/End move the caret; they do not jump to the first/last row.
    await page.keyboard.press('Control+Home');
    await page.keyboard.type('Nama ');
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('members-notice').textContent()).toContain('disimpan');
    await eventually(async () => (await member(target.code)).name).toBe('Nama Baru Sekali');
    expect(await cell.textContent()).toBe('Nama Baru Sekali');

    // A refused edit (bad email) keeps the old value and says why.
    const email = gridCell(page, 0, 'email');
    await email.dblclick();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('bukan-email');
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('members-notice').textContent()).toContain(
      'not an email address',
    );
    expect((await member(target.code)).email).toBe(target.email);
    await shot(page, 'members-inline-edit');

    // Form: NIK too short → message under the field, nothing saved.
    await app.go('members', target.code);
    await page.getByTestId('member-edit').click();
    await page.getByTestId('member-form-nik').fill('123');
    await page.getByTestId('member-form-save').click();
    await eventually(() => page.getByText('NIK must be exactly 16 digits').count()).toBe(1);
    await shot(page, 'members-form-error');
    await page.getByTestId('member-form-nik').fill('3201234567890123');
    await page.getByTestId('member-form-phone').fill('0812 1111 2222');
    await page.getByTestId('member-form-save').click();
    await eventually(async () => (await member(target.code)).nik).toBe('3201234567890123');
    expect((await member(target.code)).phone).toBe('0812 1111 2222');
  });

  it('moves a sponsor with a preview of what changes', async () => {
    const { page } = await own.open('members/IMP1');
    await eventually(() => page.getByTestId('member-name').textContent()).toBe('Ani Wijaya');
    await page.getByTestId('member-move').click();
    await page.getByTestId('move-sponsor').fill('D0000002');
    await eventually(() => page.getByTestId('move-sponsor-subtree').textContent()).toContain(
      '2 anggota ikut pindah bersama IMP1',
    );
    await page.getByTestId('move-reason').fill('salah sponsor saat pendaftaran');
    await shot(page, 'members-move-preview');
    await page.getByTestId('move-submit').click();
    await eventually(async () => (await member('IMP1')).sponsorCode).toBe('D0000002');
    await page.getByTestId('member-tab-audit').click();
    await eventually(() => page.getByTestId('member-audit').textContent()).toContain('member.move');
    expect(await page.getByTestId('member-audit').textContent()).toContain(
      'salah sponsor saat pendaftaran',
    );
    await shot(page, 'members-detail-audit');

    // A refused move: the preview says why and the button stays disabled.
    await page.getByTestId('member-move').click();
    await page.getByTestId('move-sponsor').fill('IMP2');
    await eventually(() => page.getByTestId('move-problems').textContent()).toContain(
      'is a customer',
    );
    expect(await page.getByTestId('move-submit').isDisabled()).toBe(true);
  });

  it('expands the genealogy lazily, with counts and PV, and jumps to a member', async () => {
    const app = await own.open('members/genealogy');
    const { page } = app;
    const root = page.getByTestId('tree-node-D0000001');
    await root.waitFor();
    await page.getByTestId('tree-toggle-D0000001').click();
    const tree = await own.server('genealogy:children', { code: 'D0000001' });
    const child = tree.rows[0]!;
    await page.getByTestId(`tree-node-${child.code}`).waitFor();
    expect(await page.getByTestId(`tree-node-${child.code}`).textContent()).toContain(child.name);
    // Only the rows in view are in the DOM.
    const rendered = await page.locator('[role="treeitem"]').count();
    expect(rendered).toBeLessThan(80);
    await shot(page, 'genealogy-expanded');

    // Jump: the URL opens the tree at IMP2 (a customer two levels under D0000002).
    await app.go('members', 'genealogy', 'IMP2');
    await page.getByTestId('tree-node-IMP2').waitFor();
    expect(await page.getByTestId('tree-node-IMP2').getAttribute('aria-selected')).toBe('true');
    expect(await page.getByTestId('tree-node-IMP1').getAttribute('aria-expanded')).toBe('true');
    // Keyboard: Enter opens the details of the selected member.
    await page.getByTestId('tree').focus();
    await page.keyboard.press('Enter');
    await eventually(() => page.getByTestId('member-name').textContent()).toBe('Budi Rahman');
    await page.keyboard.press('Escape');

    // The binary tree shows legs.
    await app.go('members', 'genealogy');
    await page.getByTestId('tree-kind').getByText('Pohon biner').click();
    await page.getByTestId('tree-toggle-D0000001').click();
    await eventually(() => page.locator('[role="treeitem"][aria-level="2"]').count()).toBe(2);
    await shot(page, 'genealogy-binary');
  });
});

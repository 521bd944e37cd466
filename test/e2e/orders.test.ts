import { describe, expect, it } from 'vitest';
import { chooseCsv, eventually, gridCell, screenTitle, shot } from './harness';
import { useSharedBridge } from './steps';

const spec = useSharedBridge({ seedDemo: { members: 300, months: 2, seed: 3 } });
const { server } = spec;

/** Today's month in Asia/Jakarta: the order form's default date falls in it. */
const jakartaMonth = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 7);
const rp = (n: number) => `Rp ${new Intl.NumberFormat('id-ID').format(n)}`;

/** An active distributor of the demo (the buyer of the test order). */
function distributor(): { code: string; name: string } {
  return spec.bridge.db.sqlite
    .prepare(
      `SELECT code, name FROM members WHERE kind = 'distributor' AND status = 'active' ORDER BY id LIMIT 1 OFFSET 5`,
    )
    .get() as { code: string; name: string };
}

describe('products screen', () => {
  it('lists the catalogue and edits a product through the form', async () => {
    const { page } = await spec.open('products');
    await eventually(() => screenTitle(page).textContent()).toBe('Produk');
    await eventually(() => page.getByTestId('products-total').textContent()).toBe('13 produk');
    await eventually(() => gridCell(page, 0, 'sku').textContent()).toBe('BTY-001');
    expect(await gridCell(page, 0, 'memberPrice').textContent()).toBe('Rp 180.000');
    await shot(page, 'products-grid');

    await gridCell(page, 0, 'name').dblclick();
    const form = page.getByTestId('product-form');
    await form.getByTestId('product-name').waitFor();
    expect(await form.getByTestId('product-sku').inputValue()).toBe('BTY-001');
    await form.getByTestId('product-name').fill('Serum Wajah Bengkoang Plus');
    await shot(page, 'products-form');
    await form.getByTestId('product-save').click();
    await eventually(() => page.getByTestId('products-notice').textContent()).toContain('BTY-001');
    expect((await server('products:get', { sku: 'BTY-001' })).name).toBe(
      'Serum Wajah Bengkoang Plus',
    );
  });
});

describe('imports through the dialog', () => {
  it('orders.csv: Check lists problems by line; a clean file imports', async () => {
    const buyer = distributor();
    const date = `${jakartaMonth()}-02`;
    const { page } = await spec.open('orders');
    await page.getByTestId('orders-import').click();
    const dialog = page.getByTestId('orders-import-dialog');
    const input = dialog.locator('input[type="file"]');
    const header = 'order_no,member,date,sku,qty';
    await chooseCsv(
      input,
      'pesanan.csv',
      `${header}\nIMP-1,${buyer.code},${date},HRB-001,2\nIMP-1,${buyer.code},${date},NOPE,1\nIMP-2,ZZZ,${date},HRB-002,1\n`,
    );
    await dialog.getByTestId('orders-import-dialog-check').click();
    const problems = dialog.getByTestId('orders-import-dialog-problems');
    await eventually(() => problems.locator('tbody tr').count()).toBe(2);
    expect(await problems.locator('tbody tr').nth(0).textContent()).toBe(
      '3skuunknown product NOPE',
    );
    expect(await problems.locator('tbody tr').nth(1).textContent()).toBe(
      '4memberunknown member ZZZ',
    );
    await shot(page, 'orders-import-problems');
    await chooseCsv(
      input,
      'pesanan.csv',
      `${header}\nIMP-1,${buyer.code},${date},HRB-001,2\nIMP-1,${buyer.code},${date},HRB-002,1\n`,
    );
    await dialog.getByTestId('orders-import-dialog-check').click();
    await eventually(() =>
      dialog.getByTestId('orders-import-dialog-valid').textContent(),
    ).toContain('pesanan.csv valid: 2 baris');
    await dialog.getByTestId('orders-import-dialog-run').click();
    await eventually(() => dialog.getByTestId('orders-import-dialog-done').textContent()).toContain(
      '1 baru',
    );
    await shot(page, 'orders-import-done');
    expect((await server('orders:get', { orderNo: 'IMP-1' })).totals.qty).toBe(3);
  });
});

describe('order entry → volumes', () => {
  it('enters an order with the keyboard and sees the member’s PV change in the volume view', async () => {
    const buyer = distributor();
    const period = jakartaMonth();
    const pvBefore =
      (await server('volumes:list', { period, search: buyer.code })).rows.find(
        (r) => r.code === buyer.code,
      )?.pv ?? 0;

    const app = await spec.open(`orders/volumes/${period}`);
    const { page } = app;
    await page.getByTestId('volumes-search').fill(buyer.code);
    await eventually(() => gridCell(page, 0, 'code').textContent()).toBe(buyer.code);
    expect(await gridCell(page, 0, 'pv').textContent()).toBe(String(pvBefore));

    await app.go('orders', 'new');
    const member = page.getByTestId('entry-member');
    await member.click();
    await member.pressSequentially(buyer.code);
    await page.getByRole('option', { name: new RegExp(buyer.code) }).waitFor();
    await page.keyboard.press('Enter');
    // Line 1: SKU by name, Enter picks it, quantity 3, Enter opens line 2.
    await eventually(() =>
      page.evaluate('document.activeElement?.getAttribute("data-testid")'),
    ).toBe('entry-sku-0');
    await page.keyboard.type('HRB-001');
    await page.getByRole('option', { name: /HRB-001/ }).waitFor();
    await page.keyboard.press('Enter');
    await eventually(() =>
      page.evaluate('document.activeElement?.getAttribute("data-testid")'),
    ).toBe('entry-qty-0');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await eventually(() =>
      page.evaluate('document.activeElement?.getAttribute("data-testid")'),
    ).toBe('entry-sku-1');
    await page.keyboard.type('NUT-003');
    await page.getByRole('option', { name: /NUT-003/ }).waitFor();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('1');
    // Running totals (distributor → member prices): 3 × 85.000 + 320.000 = 575.000;
    // PV 3 × 20 + 75 = 135; BV 3 × 60.000 + 225.000 = 405.000.
    await eventually(() => page.getByTestId('entry-total-amount').textContent()).toBe(rp(575_000));
    expect(await page.getByTestId('entry-total-pv').textContent()).toBe('135 PV');
    expect(await page.getByTestId('entry-total-bv').textContent()).toBe(`BV ${rp(405_000)}`);
    await shot(page, 'orders-entry');
    await page.keyboard.press('Control+Enter');
    await eventually(() => page.getByTestId('entry-notice').textContent()).toContain(buyer.code);
    const notice = (await page.getByTestId('entry-notice').textContent()) ?? '';
    const orderNo = /SO-\d{6}-\d{7}/.exec(notice)![0];
    const saved = await server('orders:get', { orderNo });
    expect(saved.totals).toMatchObject({ amount: 575_000, pv: 135, bv: 405_000 });
    expect(saved.lines.map((l) => [l.sku, l.qty, l.unitPrice])).toEqual([
      ['HRB-001', 3, 85_000],
      ['NUT-003', 1, 320_000],
    ]);
    // The form is ready for the next order, focus on the buyer.
    expect(await member.inputValue()).toBe('');
    await shot(page, 'orders-entry-saved');

    await app.go('orders', 'volumes', period);
    await page.getByTestId('volumes-search').fill(buyer.code);
    await eventually(() => gridCell(page, 0, 'pv').textContent()).toBe(String(pvBefore + 135));
    await shot(page, 'orders-volumes');

    // The order in the grid and its drawer; a partial return nets out of the open period.
    await app.go('orders', 'o', orderNo);
    const drawer = page.getByTestId('order-drawer');
    await drawer.getByTestId('order-lines').waitFor();
    await drawer.getByTestId('order-return').click();
    const dialog = page.getByTestId('return-dialog');
    await dialog.getByTestId('return-qty-0').fill('1');
    await eventually(() => dialog.getByTestId('return-totals').textContent()).toBe(
      `${rp(85_000)} · 20 PV`,
    );
    await shot(page, 'orders-return-dialog');
    await dialog.getByTestId('return-save').click();
    await eventually(() => drawer.getByTestId('order-notice').textContent()).toContain('tercatat');
    await eventually(() => drawer.getByTestId('order-returns').textContent()).toContain(
      'Mengurangi volume',
    );
    await shot(page, 'orders-drawer');
    const after = await server('volumes:list', { period, search: buyer.code });
    expect(after.rows.find((r) => r.code === buyer.code)?.pv).toBe(pvBefore + 135 - 20);
  });

  it('orders grid: filters by period and member; a closed-period return is a clawback', async () => {
    const periods = await server('periods:list', {});
    const first = periods[0]!.period;
    // Close the oldest demo period (as the close would) and return goods of one of its orders.
    spec.bridge.db.sqlite
      .prepare(`INSERT INTO periods (period, status) VALUES (?, 'closed')`)
      .run(first);
    const old = (await server('orders:list', { filter: { period: first }, limit: 1 })).rows[0]!;

    const app = await spec.open('orders');
    const { page } = app;
    await eventually(() => gridCell(page, 0, 'orderNo').textContent()).toMatch(/^SO-/);
    await page.getByTestId('orders-member').fill(old.memberCode);
    await eventually(() => gridCell(page, 0, 'memberCode').textContent()).toBe(old.memberCode);
    await shot(page, 'orders-grid');
    await page.getByTestId('orders-member').fill('');

    await app.go('orders', 'o', old.orderNo);
    const drawer = page.getByTestId('order-drawer');
    await drawer.getByTestId('order-lines').waitFor();
    await drawer.getByTestId('order-return').click();
    const dialog = page.getByTestId('return-dialog');
    await dialog.getByTestId('return-clawback-warning').waitFor();
    await dialog.getByTestId('return-all').click();
    await dialog.getByTestId('return-date').fill(`${jakartaMonth()}-01`);
    await shot(page, 'orders-return-clawback');
    await dialog.getByTestId('return-save').click();
    await eventually(() => drawer.getByTestId('order-notice').textContent()).toContain(
      'penarikan kembali',
    );
    await app.go('orders', 'returns');
    await page.getByTestId('returns-clawback').click();
    await eventually(() => gridCell(page, 0, 'orderNo').textContent()).toBe(old.orderNo);
    expect(await gridCell(page, 0, 'clawback').textContent()).toBe('Penarikan kembali');
    await shot(page, 'orders-returns');
  });
});

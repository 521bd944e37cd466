import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  ActionIcon,
  Alert,
  Anchor,
  Autocomplete,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import type { MemberRow } from '../../../../shared/ipc/members.contract';
import type { OrderDetail } from '../../../../shared/ipc/orders.contract';
import type { ProductRow } from '../../../../shared/ipc/products.contract';
import { hrefFor } from '../../app/router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { call, useAction, useQuery } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { jakartaToday } from './periods';

interface Line {
  key: number;
  sku: string;
  qty: number | string;
  /** '' = the default price for the buyer's kind. */
  unitPrice: number | string;
}

type Buyer = Pick<MemberRow, 'code' | 'name' | 'kind' | 'status'>;

let nextKey = 1;
const newLine = (): Line => ({ key: nextKey++, sku: '', qty: 1, unitPrice: '' });
const asInt = (v: number | string): number | undefined => {
  if (typeof v === 'number') return Number.isInteger(v) ? v : undefined;
  return /^\d+$/.test(v.trim()) ? Number(v.trim()) : undefined;
};

/** `lines.1.sku: message; member: message` → { 'lines.1.sku': message, member: message } */
function fieldErrors(message: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of message.split('; ')) {
    const m = /^([\w.]+): (.*)$/.exec(part);
    if (m) out[m[1]!] = m[2]!;
  }
  return out;
}

interface SearchResult<T> {
  data: { value: string; label: string }[];
  byKey: Map<string, T>;
  /** The text these results answer (results arrive after typing). */
  query: string;
  first: T | undefined;
}

/** Search results as Autocomplete data (value = code) plus a lookup for the option texts. */
function useSearch<T>(
  text: string,
  load: (s: string) => Promise<T[]>,
  keyOf: (t: T) => string,
): SearchResult<T> {
  const [debounced] = useDebouncedValue(text.trim(), 150);
  const [result, setResult] = useState<{ query: string; rows: T[] }>({ query: '', rows: [] });
  useEffect(() => {
    if (!debounced) return;
    let current = true;
    load(debounced).then(
      (rows) => current && setResult({ query: debounced, rows }),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [debounced, load]);
  const empty = text.trim() === '';
  return useMemo(() => {
    // Cleared input: no stale options from the previous search.
    const rows = empty ? [] : result.rows;
    const byKey = new Map(rows.map((r) => [keyOf(r), r]));
    return {
      data: [...byKey.keys()].map((k) => ({ value: k, label: k })),
      byKey,
      query: result.query,
      first: rows[0],
    };
  }, [result, keyOf, empty]);
}

/**
 * Enter in an autocomplete: when the dropdown has a highlighted option, Mantine submits it;
 * otherwise (results still loading, or none highlighted) take the first result for exactly this
 * text, or the text itself as a code. Returns the chosen key, or undefined to let Mantine act.
 */
function enterChoice<T>(
  e: KeyboardEvent<HTMLInputElement>,
  text: string,
  search: SearchResult<T>,
  keyOf: (t: T) => string,
): string | undefined {
  if (e.key !== 'Enter' || e.ctrlKey || e.metaKey) return undefined;
  const list = e.currentTarget.getAttribute('aria-controls');
  const highlighted = list
    ? document.getElementById(list)?.querySelector('[data-combobox-selected]')
    : null;
  if (highlighted) return undefined;
  e.preventDefault();
  const typed = text.trim();
  if (search.byKey.has(typed)) return typed;
  if (search.query === typed && search.first) return keyOf(search.first);
  return typed;
}

const searchMembers = async (s: string) =>
  (await call('members:list', { search: s, limit: 8 })).rows;
const memberKey = (m: MemberRow) => m.code;
const searchProducts = async (s: string) =>
  (await call('products:list', { search: s, limit: 8, filter: { active: true } })).rows;
const productKey = (p: ProductRow) => p.sku;

/**
 * Order entry for data-entry staff: keyboard first. Type a member code (or name) and Enter;
 * per line, a SKU (or name) and Enter, the quantity and Enter for the next line; Ctrl+Enter
 * saves. Unit prices default to the member price for a distributor and the retail price for a
 * customer; running totals of price, PV and BV follow every keystroke. Main validates again.
 */
export function OrderEntryForm() {
  const { t } = useTranslation('orders');
  const f = useFormat();
  const periods = useQuery('periods:list', {});
  const save = useAction('orders:create');

  const [memberText, setMemberText] = useState('');
  const [buyer, setBuyer] = useState<Buyer | undefined>(undefined);
  const [memberError, setMemberError] = useState<string | undefined>(undefined);
  const [date, setDate] = useState(jakartaToday);
  const [orderNo, setOrderNo] = useState('');
  const [lines, setLines] = useState<Line[]>(() => [newLine()]);
  const [products, setProducts] = useState<Map<string, ProductRow>>(() => new Map());
  const [lineErrors, setLineErrors] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState<OrderDetail | undefined>(undefined);
  const [skuText, setSkuText] = useState('');

  const memberRef = useRef<HTMLInputElement>(null);
  const skuRefs = useRef(new Map<number, HTMLInputElement | null>());
  const qtyRefs = useRef(new Map<number, HTMLInputElement | null>());
  const focusLater = (el: () => HTMLInputElement | null | undefined) =>
    requestAnimationFrame(() => el()?.focus());

  const members = useSearch(memberText, searchMembers, memberKey);
  const productSearch = useSearch(skuText, searchProducts, productKey);

  const remember = useCallback((p: ProductRow) => {
    setProducts((m) => (m.get(p.sku) === p ? m : new Map(m).set(p.sku, p)));
  }, []);

  /** The product of a typed SKU: from the search results, or asked from main. */
  const resolveSku = async (key: number, sku: string) => {
    const s = sku.trim();
    if (!s) return;
    const known = products.get(s) ?? productSearch.byKey.get(s);
    if (known) {
      remember(known);
      return;
    }
    try {
      remember(await call('products:get', { sku: s }));
      setLineErrors(({ [`line.${key}`]: _drop, ...rest }) => rest);
    } catch {
      setLineErrors((e) => ({ ...e, [`line.${key}`]: t('entry.unknownProduct', { sku: s }) }));
    }
  };

  const chooseMember = async (code: string) => {
    const c = code.trim();
    if (!c) {
      setBuyer(undefined);
      return;
    }
    const hit = members.byKey.get(c);
    if (hit) {
      setBuyer(hit);
      setMemberError(undefined);
      return;
    }
    try {
      setBuyer(await call('members:get', { code: c }));
      setMemberError(undefined);
    } catch {
      setBuyer(undefined);
      setMemberError(t('entry.unknownMember', { code: c }));
    }
  };

  const period = date.slice(0, 7);
  const periodClosed = (periods.data ?? []).some(
    (p) => p.period === period && p.status === 'closed',
  );

  const priced = lines.map((l) => {
    const p = products.get(l.sku.trim());
    const qty = asInt(l.qty) ?? 0;
    const def =
      p && buyer ? (buyer.kind === 'distributor' ? p.memberPrice : p.retailPrice) : undefined;
    const price = asInt(l.unitPrice) ?? def;
    return { line: l, product: p, qty, price, defaultPrice: def };
  });
  const totals = priced.reduce(
    (a, x) => ({
      qty: a.qty + x.qty,
      amount: a.amount + x.qty * (x.price ?? 0),
      pv: a.pv + x.qty * (x.product?.pv ?? 0),
      bv: a.bv + x.qty * (x.product?.bv ?? 0),
    }),
    { qty: 0, amount: 0, pv: 0, bv: 0 },
  );

  const setLine = (key: number, patch: Partial<Line>) =>
    setLines((ls) => ls.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const removeLine = (key: number) =>
    setLines((ls) => (ls.length === 1 ? [newLine()] : ls.filter((l) => l.key !== key)));
  const nextLine = (key: number) => {
    const i = lines.findIndex((l) => l.key === key);
    const next = lines[i + 1];
    if (next) {
      focusLater(() => skuRefs.current.get(next.key));
      return;
    }
    const fresh = newLine();
    setLines((ls) => [...ls, fresh]);
    focusLater(() => skuRefs.current.get(fresh.key));
  };

  const clear = (keepDate = true) => {
    setMemberText('');
    setBuyer(undefined);
    setMemberError(undefined);
    setOrderNo('');
    setLines([newLine()]);
    setLineErrors({});
    if (!keepDate) setDate(jakartaToday());
    focusLater(() => memberRef.current);
  };

  const submit = async () => {
    const filled = lines.filter((l) => l.sku.trim() !== '');
    const input = {
      ...(orderNo.trim() ? { orderNo: orderNo.trim() } : {}),
      member: (buyer?.code ?? memberText).trim(),
      date,
      lines: filled.map((l) => {
        const price = asInt(l.unitPrice);
        return {
          sku: l.sku.trim(),
          qty: asInt(l.qty) ?? 0,
          ...(price !== undefined ? { unitPrice: price } : {}),
        };
      }),
    };
    const o = await save.run(input);
    if (o) {
      setSaved(o);
      clear();
    } else {
      // Map `lines.<i>.<field>` of the submitted (non-empty) lines back to the rows on screen.
      setLineErrors({});
    }
  };

  const errs = save.error ? fieldErrors(save.error.message) : {};
  const filledKeys = lines.filter((l) => l.sku.trim() !== '').map((l) => l.key);
  const errorOf = (key: number, field: string): string | undefined => {
    const i = filledKeys.indexOf(key);
    return (
      (i >= 0 ? errs[`lines.${i}.${field}`] : undefined) ??
      (field === 'sku' ? lineErrors[`line.${key}`] : undefined)
    );
  };
  const generalError = save.error && Object.keys(errs).length === 0 ? save.error : undefined;

  const onFormKey = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      void submit();
    }
  };

  const money = {
    thousandSeparator: f.lang === 'id' ? '.' : ',',
    decimalSeparator: f.lang === 'id' ? ',' : '.',
    allowDecimal: false,
    allowNegative: false,
    hideControls: true,
  } as const;

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={onFormKey}
      data-testid="order-entry"
    >
      <Stack gap="md" maw={1100}>
        {saved ? (
          <Alert
            color="green"
            variant="light"
            withCloseButton
            onClose={() => setSaved(undefined)}
            role="status"
            data-testid="entry-notice"
          >
            {t('entry.saved', {
              member: `${saved.member.code} ${saved.member.name}`,
              amount: f.rupiah(saved.totals.amount),
              pv: f.number(saved.totals.pv),
            })}{' '}
            <Anchor href={hrefFor('orders', 'o', saved.orderNo)} size="sm">
              {saved.orderNo}
            </Anchor>
          </Alert>
        ) : null}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Autocomplete
            ref={memberRef}
            label={t('entry.member')}
            placeholder={t('entry.memberPlaceholder')}
            value={memberText}
            onChange={(v) => {
              setMemberText(v);
              if (buyer && v !== buyer.code) setBuyer(undefined);
            }}
            data={members.data}
            filter={({ options }) => options}
            selectFirstOptionOnChange
            onOptionSubmit={(code) => {
              void chooseMember(code);
              focusLater(() => skuRefs.current.get(lines[0]!.key));
            }}
            onBlur={() => void chooseMember(memberText)}
            onKeyDown={(e) => {
              const code = enterChoice(e, memberText, members, memberKey);
              if (code === undefined) return;
              setMemberText(code);
              void chooseMember(code);
              focusLater(() => skuRefs.current.get(lines[0]!.key));
            }}
            renderOption={({ option }) => {
              const m = members.byKey.get(option.value);
              return (
                <Group gap="xs" wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {option.value}
                  </Text>
                  <Text size="sm">{m?.name}</Text>
                  {m ? (
                    <Badge
                      size="xs"
                      variant="light"
                      color={m.kind === 'customer' ? 'grape' : 'blue'}
                    >
                      {t(`kind.${m.kind}`)}
                    </Badge>
                  ) : null}
                </Group>
              );
            }}
            error={memberError ?? errs.member}
            description={buyer ? `${buyer.name} · ${t(`kind.${buyer.kind}`)}` : undefined}
            data-autofocus
            autoFocus
            data-testid="entry-member"
          />
          <TextInput
            type="date"
            label={t('entry.date')}
            value={date}
            onChange={(e) => setDate(e.currentTarget.value)}
            error={periodClosed ? t('entry.closedPeriod', { period: f.period(period) }) : errs.date}
            required
            data-testid="entry-date"
          />
          <TextInput
            label={t('entry.orderNo')}
            placeholder={t('entry.orderNoPlaceholder')}
            value={orderNo}
            onChange={(e) => setOrderNo(e.currentTarget.value)}
            error={errs.orderNo}
            data-testid="entry-orderNo"
          />
        </SimpleGrid>

        <Paper withBorder radius="md" p="xs">
          <Table verticalSpacing={4} data-testid="entry-lines">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={36}>#</Table.Th>
                <Table.Th>{t('entry.sku')}</Table.Th>
                <Table.Th w={90}>{t('entry.qty')}</Table.Th>
                <Table.Th w={170}>{t('entry.unitPrice')}</Table.Th>
                <Table.Th w={80} className="num">
                  PV
                </Table.Th>
                <Table.Th w={160} className="num">
                  {t('entry.lineTotal')}
                </Table.Th>
                <Table.Th w={40} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {priced.map(({ line: l, product, qty, price, defaultPrice }, i) => (
                <Table.Tr key={l.key} data-testid={`entry-line-${i}`}>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {i + 1}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Autocomplete
                      ref={(el) => {
                        skuRefs.current.set(l.key, el);
                      }}
                      aria-label={`${t('entry.sku')} ${i + 1}`}
                      placeholder={t('entry.skuPlaceholder')}
                      value={l.sku}
                      onChange={(v) => {
                        setLine(l.key, { sku: v });
                        setSkuText(v);
                      }}
                      onFocus={() => setSkuText(l.sku)}
                      data={productSearch.data}
                      filter={({ options }) => options}
                      selectFirstOptionOnChange
                      onOptionSubmit={(sku) => {
                        const p = productSearch.byKey.get(sku);
                        if (p) remember(p);
                        focusLater(() => qtyRefs.current.get(l.key));
                      }}
                      onBlur={() => void resolveSku(l.key, l.sku)}
                      onKeyDown={(e) => {
                        const sku = enterChoice(e, l.sku, productSearch, productKey);
                        if (sku === undefined) return;
                        setLine(l.key, { sku });
                        void resolveSku(l.key, sku);
                        if (sku) focusLater(() => qtyRefs.current.get(l.key));
                      }}
                      renderOption={({ option }) => {
                        const p = productSearch.byKey.get(option.value);
                        return (
                          <Group gap="xs" wrap="nowrap" justify="space-between" w="100%">
                            <Group gap="xs" wrap="nowrap">
                              <Text size="sm" fw={600}>
                                {option.value}
                              </Text>
                              <Text size="sm">{p?.name}</Text>
                            </Group>
                            {p ? (
                              <Text size="xs" c="dimmed" className="num">
                                {f.rupiah(
                                  buyer?.kind === 'customer' ? p.retailPrice : p.memberPrice,
                                )}{' '}
                                · {p.pv} PV
                              </Text>
                            ) : null}
                          </Group>
                        );
                      }}
                      description={product?.name}
                      inputWrapperOrder={['label', 'input', 'description', 'error']}
                      error={errorOf(l.key, 'sku')}
                      data-testid={`entry-sku-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      ref={(el) => {
                        qtyRefs.current.set(l.key, el);
                      }}
                      aria-label={`${t('entry.qty')} ${i + 1}`}
                      value={l.qty}
                      onChange={(v) => setLine(l.key, { qty: v })}
                      min={1}
                      allowDecimal={false}
                      allowNegative={false}
                      hideControls
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
                          e.preventDefault();
                          nextLine(l.key);
                        }
                      }}
                      error={errorOf(l.key, 'qty')}
                      data-testid={`entry-qty-${i}`}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`${t('entry.unitPrice')} ${i + 1}`}
                      value={l.unitPrice}
                      onChange={(v) => setLine(l.key, { unitPrice: v })}
                      placeholder={defaultPrice !== undefined ? f.number(defaultPrice) : undefined}
                      prefix="Rp "
                      {...money}
                      onKeyDown={(e) => {
                        if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey) {
                          e.preventDefault();
                          nextLine(l.key);
                        }
                      }}
                      error={errorOf(l.key, 'unitPrice')}
                      data-testid={`entry-price-${i}`}
                    />
                  </Table.Td>
                  <Table.Td className="num">
                    <Text size="sm">{product ? f.number(qty * product.pv) : ''}</Text>
                  </Table.Td>
                  <Table.Td className="num">
                    <Text size="sm">{price !== undefined ? f.rupiah(qty * price) : ''}</Text>
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('entry.removeLine', { n: i + 1 })}
                      onClick={() => removeLine(l.key)}
                      tabIndex={-1}
                    >
                      ×
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <Group justify="space-between" mt="xs">
            <Button variant="subtle" size="xs" onClick={() => nextLine(lines.at(-1)!.key)}>
              + {t('entry.addLine')}
            </Button>
            <Text size="xs" c="dimmed">
              {buyer
                ? t('entry.priceDefault', {
                    kind:
                      buyer.kind === 'distributor'
                        ? t('entry.memberPriceName')
                        : t('entry.retailPriceName'),
                  })
                : null}
            </Text>
          </Group>
        </Paper>

        <Paper withBorder radius="md" p="sm" data-testid="entry-totals">
          <Group justify="space-between" wrap="wrap">
            <Text fw={600}>{t('entry.totals')}</Text>
            <Group gap="xl">
              <Text className="num" data-testid="entry-total-qty">
                {f.number(totals.qty)} ×
              </Text>
              <Text className="num" fw={700} data-testid="entry-total-amount">
                {f.rupiah(totals.amount)}
              </Text>
              <Text className="num" data-testid="entry-total-pv">
                {f.number(totals.pv)} PV
              </Text>
              <Text className="num" data-testid="entry-total-bv">
                BV {f.rupiah(totals.bv)}
              </Text>
            </Group>
          </Group>
        </Paper>

        {generalError ? <ErrorAlert error={generalError} /> : null}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {t('entry.keys')}
          </Text>
          <Group gap="sm">
            <Button variant="default" onClick={() => clear(false)}>
              {t('entry.clear')}
            </Button>
            <Button type="submit" loading={save.running} data-testid="entry-save">
              {t('entry.save')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}

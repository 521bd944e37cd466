import { Badge, Code, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { PlanChange } from '../../../../shared/plan-diff';
import { useFormat, type Formatters } from '../../lib/format';

/** A structured plan diff (shared/plan-diff.ts) as a table: part, rank/bonus, field, before → after. */

const KIND_COLOR = { added: 'green', removed: 'red', changed: 'blue' } as const;

type T = (key: string, opts?: Record<string, unknown>) => string;

/** Rates (…Bp, levels[i]) as percentages, amounts as rupiah, objects as compact JSON. */
export function changeValue(field: string, v: unknown, f: Formatters): string {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'number') {
    if (/Bp$/.test(field) || /^levels\[\d+\]$/.test(field)) return f.bp(v);
    if (/(^|\.)(minimum|capAmount)$/.test(field)) return f.rupiah(v);
    if (field === '(position)') return String(v + 1);
    return f.number(v);
  }
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

export function fieldLabel(field: string, t: T, area?: string): string {
  if (field === '') return t('changes.whole');
  if (field === '(position)') return t('changes.position');
  const level = /^levels\[(\d+)\]$/.exec(field);
  if (level) return t('changes.levelN', { n: Number(level[1]) + 1 });
  const depth = /^depthByRank\.(.+)$/.exec(field);
  if (depth) return t('changes.depthOf', { rank: depth[1] });
  const key = area === 'tax' && field === 'rateBp' ? 'rateBp_tax' : field.replace(/\./g, '_');
  return t(`changes.fields.${key}`, { defaultValue: field });
}

export function PlanChanges({
  changes,
  testId = 'plan-changes',
}: {
  changes: readonly PlanChange[];
  testId?: string;
}) {
  const { t } = useTranslation('plan');
  const f = useFormat();
  if (changes.length === 0) {
    return (
      <Text size="sm" c="dimmed" data-testid={testId}>
        {t('changes.none')}
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={620}>
      <Table verticalSpacing={6} data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('changes.area')}</Table.Th>
            <Table.Th>{t('changes.key')}</Table.Th>
            <Table.Th>{t('changes.field')}</Table.Th>
            <Table.Th ta="right">{t('changes.before')}</Table.Th>
            <Table.Th ta="right">{t('changes.after')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {changes.map((c, i) => (
            <Table.Tr key={i} data-testid={`${testId}-${c.path}`} data-kind={c.kind}>
              <Table.Td>
                <Badge variant="light" color={KIND_COLOR[c.kind]} size="sm" mr={6}>
                  {t(`changes.kind.${c.kind}`)}
                </Badge>
                <Text span size="sm">
                  {t(`changes.areas.${c.area}`)}
                </Text>
              </Table.Td>
              <Table.Td>{c.key ? <Code>{c.key}</Code> : null}</Table.Td>
              <Table.Td>
                <Text size="sm" title={c.path}>
                  {fieldLabel(c.field, t, c.area)}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="num" style={{ wordBreak: 'break-word' }}>
                <Text size="sm" c={c.kind === 'added' ? 'dimmed' : undefined}>
                  {changeValue(c.field, c.before, f)}
                </Text>
              </Table.Td>
              <Table.Td ta="right" className="num" style={{ wordBreak: 'break-word' }}>
                <Text size="sm" fw={600} c={c.kind === 'removed' ? 'dimmed' : undefined}>
                  {changeValue(c.field, c.after, f)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

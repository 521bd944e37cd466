import { Paper, Table, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../../shared/ipc/system.contract';
import { useFormat } from '../../lib/format';

export function MonthlyTable({ months }: { months: Dashboard['months'] }) {
  const { t } = useTranslation('dashboard');
  const f = useFormat();
  if (months.length === 0) return null;
  const num = (v: string) => <Table.Td className="num">{v}</Table.Td>;
  return (
    <Paper withBorder radius="md" p="md">
      <Title order={2} size="h5" mb="sm">
        {t('table.title')}
      </Title>
      <Table striped highlightOnHover data-testid="monthly-table">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('table.period')}</Table.Th>
            <Table.Th className="num">{t('table.orders')}</Table.Th>
            <Table.Th className="num">{t('table.buyers')}</Table.Th>
            <Table.Th className="num">{t('table.sales')}</Table.Th>
            <Table.Th className="num">{t('table.pv')}</Table.Th>
            <Table.Th className="num">{t('table.bv')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...months].reverse().map((m) => (
            <Table.Tr key={m.period}>
              <Table.Td>{f.period(m.period)}</Table.Td>
              {num(f.number(m.orders))}
              {num(f.number(m.buyers))}
              {num(f.rupiah(m.sales))}
              {num(f.number(m.pv))}
              {num(f.rupiah(m.bv))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

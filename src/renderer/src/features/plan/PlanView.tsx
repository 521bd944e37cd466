import type { ReactNode } from 'react';
import { Badge, Code, Group, Paper, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Plan, PlanBonus, TaxProfile } from '../../../../shared/plan';
import type { PlanVersionRow } from '../../../../shared/ipc/plans.contract';
import { TableHead, TablePanel } from '../../components/TablePanel';
import { useFormat, type Formatters } from '../../lib/format';

/**
 * A plan as a person reads it (plan-format.md): the general figures, the ranks with their
 * requirements, and the bonuses in computation order with their rates per level.
 */

type T = (key: string, opts?: Record<string, unknown>) => string;

export function taxText(tax: TaxProfile, t: T, f: Formatters): string {
  return tax.profile === 'flat'
    ? t('tax.flat', { rate: f.bp(tax.rateBp) })
    : t(`tax.${tax.profile}`);
}

function Figure({ label, value, testId }: { label: string; value: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={600} data-testid={testId}>
        {value}
      </Text>
    </div>
  );
}

function Rates({ bonus, f, t }: { bonus: PlanBonus; f: Formatters; t: T }) {
  switch (bonus.type) {
    case 'retail':
      return <Text size="sm">{t('bonuses.retailRate')}</Text>;
    case 'referral':
    case 'sponsor':
    case 'binary':
      return (
        <Text size="sm" fw={600} className="num">
          {f.bp(bonus.rateBp)}
        </Text>
      );
    case 'unilevel':
    case 'matching':
      return (
        <Group gap={4}>
          {bonus.levels.map((bp, i) => (
            <Badge
              key={i}
              variant="light"
              color="indigo"
              radius="sm"
              tt="none"
              data-testid={`level-${bonus.id}-${i + 1}`}
            >
              {t('bonuses.level', { n: i + 1 })} · {f.bp(bp)}
            </Badge>
          ))}
        </Group>
      );
  }
}

function Details({ bonus, plan, f, t }: { bonus: PlanBonus; plan: Plan; f: Formatters; t: T }) {
  const parts: string[] = [];
  if (bonus.type === 'unilevel' || bonus.type === 'matching') {
    if (bonus.type === 'matching') parts.push(t('bonuses.of', { of: bonus.of }));
    const d = bonus.depthByRank;
    if (d) {
      const listed = plan.ranks.filter((r) => d[r.code] !== undefined);
      const list = listed.map((r) => `${r.code} ${d[r.code]}`).join(', ');
      const others = listed.length < plan.ranks.length ? `; ${t('bonuses.depthOther')}` : '';
      parts.push(t('bonuses.depth', { list: list + others }));
    } else {
      parts.push(t('bonuses.depthFull'));
    }
  }
  if (bonus.type === 'binary') {
    parts.push(
      bonus.capAmount !== undefined
        ? t('bonuses.cap', { amount: f.rupiah(bonus.capAmount) })
        : t('bonuses.noCap'),
    );
    if (bonus.requireSponsoredActiveEachLeg) parts.push(t('bonuses.sponsoredLegs'));
  }
  return (
    <Text size="sm" c="dimmed">
      {parts.join(' · ')}
    </Text>
  );
}

export function PlanView({ plan, row }: { plan: Plan; row?: PlanVersionRow | undefined }) {
  const { t } = useTranslation('plan');
  const f = useFormat();
  const dash = '—';
  return (
    <Stack gap="md" data-testid="plan-view">
      <Paper withBorder radius="md" p="md">
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
          <Figure label={t('summary.name')} value={plan.name} testId="plan-name" />
          {row ? (
            <Figure
              label={t('summary.version')}
              value={t('summary.versionValue', { version: row.version })}
              testId="plan-version"
            />
          ) : null}
          {row ? (
            <Figure
              label={t('summary.effective')}
              value={
                row.effectivePeriod ? f.period(row.effectivePeriod) : t('summary.effectiveAll')
              }
            />
          ) : null}
          <Figure
            label={t('summary.activePv')}
            value={f.number(plan.activePv)}
            testId="plan-active-pv"
          />
          <Figure
            label={t('summary.payoutMinimum')}
            value={f.rupiah(plan.payout.minimum ?? 0)}
            testId="plan-payout-minimum"
          />
          <Figure label={t('summary.tax')} value={taxText(plan.tax, t, f)} testId="plan-tax" />
          {row ? (
            <Figure
              label={t('summary.usedBy')}
              value={
                row.committedPeriods.length
                  ? row.committedPeriods.map((p) => f.period(p, 'short')).join(', ')
                  : dash
              }
            />
          ) : null}
          {row ? (
            <Figure
              label={t('summary.hash')}
              value={
                <Code fz="xs" title={row.planHash}>
                  {row.planHash.slice(0, 16)}…
                </Code>
              }
            />
          ) : null}
        </SimpleGrid>
        {row ? (
          <Text size="xs" c="dimmed" mt="sm">
            {t('summary.createdBy', { at: f.dateTime(row.createdAt), by: row.createdBy ?? dash })}
          </Text>
        ) : null}
      </Paper>

      <TablePanel title={t('ranks.title')} minWidth={560}>
        <Table verticalSpacing="xs" data-testid="ranks-table">
          <TableHead
            cells={[
              { label: t('ranks.code') },
              { label: t('ranks.minPv'), right: true },
              { label: t('ranks.minGv'), right: true },
              { label: t('ranks.legCap'), right: true },
              { label: t('ranks.legs') },
            ]}
          />
          <Table.Tbody>
            {plan.ranks.map((r, i) => (
              <Table.Tr key={r.code} data-testid={`rank-row-${r.code}`}>
                <Table.Td>
                  <Text fw={600} size="sm" span>
                    {r.code}
                  </Text>
                  {i === 0 ? (
                    <Text size="xs" c="dimmed" span ml={6}>
                      ({t('ranks.base')})
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td ta="right" className="num">
                  {i === 0 ? dash : f.number(r.minPv ?? 0)}
                </Table.Td>
                <Table.Td ta="right" className="num">
                  {i === 0 ? dash : f.number(r.minGv ?? 0)}
                </Table.Td>
                <Table.Td ta="right" className="num">
                  {r.maxLegShareBp !== undefined ? f.bp(r.maxLegShareBp) : dash}
                </Table.Td>
                <Table.Td>
                  {r.legs ? t('ranks.legsValue', { count: r.legs.count, rank: r.legs.rank }) : dash}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TablePanel>

      <TablePanel title={t('bonuses.title')} minWidth={640}>
        <Table verticalSpacing="xs" data-testid="bonuses-table">
          <TableHead
            cells={[
              { label: t('bonuses.id') },
              { label: t('bonuses.type') },
              { label: t('bonuses.rates') },
              { label: t('bonuses.details') },
            ]}
          />
          <Table.Tbody>
            {plan.bonuses.map((b) => (
              <Table.Tr key={b.id} data-testid={`bonus-row-${b.id}`}>
                <Table.Td>
                  <Code>{b.id}</Code>
                </Table.Td>
                <Table.Td>{t(`types.${b.type}`)}</Table.Td>
                <Table.Td>
                  <Rates bonus={b} f={f} t={t} />
                </Table.Td>
                <Table.Td>
                  <Details bonus={b} plan={plan} f={f} t={t} />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </TablePanel>
    </Stack>
  );
}

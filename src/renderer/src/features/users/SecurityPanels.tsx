import type { ReactNode } from 'react';
import { Paper, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { can } from '../../../../shared/ipc/access';
import { useQuery } from '../../lib/api';
import { AuditPanel } from '../audit/AuditPanel';
import { BackupPanel } from '../audit/BackupPanel';
import { UsersPanel } from './UsersPanel';

function Section({
  title,
  children,
  testId,
}: {
  title: string;
  children: ReactNode;
  testId: string;
}) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Title order={2} size="h5" mb="md">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/**
 * The Settings parts for users, the audit log and backups — each shown only to roles that may
 * call its channels (the same table main enforces, src/shared/ipc/access.ts).
 */
export function SecurityPanels() {
  const { t } = useTranslation('users');
  const { t: ta } = useTranslation('audit');
  const status = useQuery('auth:status', {});
  const role = status.data?.user?.role;
  if (!role) return null;
  return (
    <>
      {can(role, 'users:list') ? (
        <Section title={t('panel.title')} testId="settings-users">
          <UsersPanel />
        </Section>
      ) : null}
      {can(role, 'audit:list') ? (
        <Section title={ta('log.title')} testId="settings-audit">
          <AuditPanel />
        </Section>
      ) : null}
      {can(role, 'backup:list') ? (
        <Section title={ta('backup.title')} testId="settings-backup">
          <BackupPanel />
        </Section>
      ) : null}
    </>
  );
}

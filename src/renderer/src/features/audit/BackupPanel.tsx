import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Code,
  Group,
  Modal,
  Skeleton,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BackupFile } from '../../../../shared/ipc/backup.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useAction, useQuery } from '../../lib/api';
import { useFormat } from '../../lib/format';

/** Backups beside the database: back up now, or restore one after an explicit confirmation. */
export function BackupPanel() {
  const { t } = useTranslation('audit');
  const f = useFormat();
  const list = useQuery('backup:list', {});
  const create = useAction('backup:create');
  const restore = useAction('backup:restore');
  const [made, setMade] = useState<string | undefined>();
  const [confirming, setConfirming] = useState<BackupFile | undefined>();

  const doRestore = async () => {
    if (!confirming) return;
    const r = await restore.run({ path: confirming.path, confirm: true });
    setConfirming(undefined);
    // Everything on screen came from the replaced database: start over.
    if (r) window.location.reload();
  };

  return (
    <Stack gap="sm" data-testid="backup-panel">
      <Group justify="space-between" wrap="wrap">
        <Stack gap={2}>
          {list.data ? (
            <>
              <Text size="sm">
                {t('backup.folder')}: <Code>{list.data.dir}</Code>
              </Text>
              <Text size="xs" c="dimmed">
                {t('backup.keep', { count: list.data.keep })}
              </Text>
            </>
          ) : null}
        </Stack>
        <Button
          size="xs"
          loading={create.running}
          onClick={() =>
            void create.run({}).then((r) => {
              if (r) {
                setMade(r.name);
                list.refetch();
              }
            })
          }
        >
          {t('backup.create')}
        </Button>
      </Group>
      {made ? (
        <Alert color="green" variant="light" role="status">
          {t('backup.created', { name: made })}
        </Alert>
      ) : null}
      {create.error ? <ErrorAlert error={create.error} /> : null}
      {restore.error ? <ErrorAlert error={restore.error} /> : null}
      {list.error ? <ErrorAlert error={list.error} onRetry={list.refetch} /> : null}
      {list.data ? (
        list.data.files.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('backup.none')}
          </Text>
        ) : (
          <Table.ScrollContainer minWidth={480} mah={320}>
            <Table verticalSpacing={4} striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('backup.at')}</Table.Th>
                  <Table.Th>{t('backup.kind')}</Table.Th>
                  <Table.Th ta="right">{t('backup.size')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.files.map((b) => (
                  <Table.Tr key={b.path}>
                    <Table.Td title={b.path}>{f.dateTime(b.at)}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={b.scheduled ? 'gray' : 'indigo'}>
                        {b.scheduled ? t('backup.auto') : t('backup.manual')}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{f.number(Math.ceil(b.bytes / 1024))} KB</Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        onClick={() => setConfirming(b)}
                      >
                        {t('backup.restore')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )
      ) : list.error ? null : (
        <Skeleton h={80} />
      )}
      <Modal
        opened={confirming !== undefined}
        onClose={() => setConfirming(undefined)}
        title={t('backup.confirmTitle')}
      >
        <Stack gap="md">
          <Text size="sm">
            {t('backup.confirmBody', { at: confirming ? f.dateTime(confirming.at) : '' })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(undefined)} data-autofocus>
              {t('backup.cancel')}
            </Button>
            <Button color="red" loading={restore.running} onClick={() => void doRestore()}>
              {t('backup.confirm')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}

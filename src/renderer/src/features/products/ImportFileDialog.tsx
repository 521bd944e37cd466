import { Alert, Button, FileButton, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../../shared/ipc/products.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ImportProgress } from '../../components/ImportProgress';
import { ProblemsTable } from '../../components/ProblemsTable';
import { useFormat } from '../../lib/format';
import { useImportJob } from '../../lib/useImportJob';

/** The imports this dialog serves (members have their own dialog). */
type ImportChannel = 'products:import' | 'orders:import' | 'returns:import';

export interface ImportFileDialogProps {
  opened: boolean;
  channel: ImportChannel;
  title: string;
  /** One line describing the file's columns. */
  columnsHint: string;
  onClose: () => void;
  onImported: (r: ImportResult) => void;
  testId?: string;
}

/**
 * Import a CSV/XLSX file in two steps: Check (a dry run in main: full validation, nothing
 * written), then Import. Problems come back as `FILE:LINE: column: message` and are listed.
 */
export function ImportFileDialog({
  opened,
  channel,
  title,
  columnsHint,
  onClose,
  onImported,
  testId = 'import-dialog',
}: ImportFileDialogProps) {
  const { t } = useTranslation('products');
  const f = useFormat();
  const job = useImportJob(channel, onImported);
  const { file, checked, done, busy, problems, error } = job;
  const close = () => {
    job.pick(null);
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={title} size="lg" data-testid={testId}>
      <Stack gap="sm">
        <Text size="sm">{columnsHint}</Text>
        <Text size="xs" c="dimmed">
          {t('importDialog.allOrNothing')}
        </Text>
        <Group gap="sm">
          <FileButton onChange={job.pick} accept=".csv,.xlsx,text/csv">
            {(props) => (
              <Button variant="default" {...props} data-testid={`${testId}-choose`}>
                {file ? t('importDialog.change') : t('importDialog.choose')}
              </Button>
            )}
          </FileButton>
          <Text size="sm" c={file ? undefined : 'dimmed'}>
            {file ? file.name : t('importDialog.none')}
          </Text>
        </Group>
        <ImportProgress job={job} testId={`${testId}-progress`} />
        {checked && !done ? (
          <Alert color="blue" variant="light" data-testid={`${testId}-valid`}>
            {t('importDialog.valid', { file: checked.file, rows: f.number(checked.rows) })}
          </Alert>
        ) : null}
        {done ? (
          <Alert color="green" variant="light" role="status" data-testid={`${testId}-done`}>
            {t('importDialog.done', {
              file: done.file,
              rows: f.number(done.rows),
              created: f.number(done.created),
              updated: f.number(done.updated),
              lines: f.number(done.lines),
            })}
          </Alert>
        ) : null}
        {problems ? (
          <Stack gap={4} data-testid={`${testId}-problems`}>
            <Text size="sm" c="red" fw={600} role="alert">
              {t('importDialog.problems', { count: problems.length })}
            </Text>
            <ProblemsTable
              problems={problems.slice(0, 500)}
              head={[
                { label: t('importDialog.line') },
                { label: t('importDialog.column') },
                { label: t('importDialog.message') },
              ]}
              mah={260}
              numericLine
              withTableBorder
              fz="xs"
            />
          </Stack>
        ) : error ? (
          <ErrorAlert error={error} />
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close}>
            {t('importDialog.close')}
          </Button>
          <Button
            variant="light"
            disabled={!file || busy !== undefined || done !== undefined}
            loading={busy === 'check'}
            onClick={job.check}
            data-testid={`${testId}-check`}
          >
            {t('importDialog.check')}
          </Button>
          <Button
            disabled={!checked || busy !== undefined || done !== undefined}
            loading={busy === 'run'}
            onClick={job.run}
            data-testid={`${testId}-run`}
          >
            {t('importDialog.run')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

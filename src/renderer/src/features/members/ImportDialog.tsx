import { Alert, Button, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../../shared/ipc/members.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useFormat } from '../../lib/format';
import { ImportProgress } from '../../components/ImportProgress';
import { ProblemsTable } from '../../components/ProblemsTable';
import { useImportJob } from '../../lib/useImportJob';

/**
 * Import members.csv/.xlsx: "Check file" runs the whole import as a dry run and lists every
 * problem (line, column, message); "Import" is offered once the check passed.
 */
export function ImportDialog({
  opened,
  onClose,
  onImported,
}: {
  opened: boolean;
  onClose: () => void;
  onImported: (r: ImportResult) => void;
}) {
  const { t } = useTranslation('members');
  return (
    <Modal opened={opened} onClose={onClose} title={t('import.title')} size="xl">
      {opened ? <ImportBody onClose={onClose} onImported={onImported} /> : null}
    </Modal>
  );
}

function ImportBody({
  onClose,
  onImported,
}: {
  onClose: () => void;
  onImported: (r: ImportResult) => void;
}) {
  const { t } = useTranslation('members');
  const f = useFormat();
  const job = useImportJob('members:import', onImported);
  const { file, checked, done, busy } = job;
  const problems = job.problems ?? [];
  const failure = job.problems ? undefined : job.error;

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('import.help')}
      </Text>
      <FileInput
        label={t('import.file')}
        placeholder={t('import.pick')}
        accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        value={file}
        onChange={job.pick}
        clearable
        data-testid="import-file"
      />
      <ImportProgress job={job} testId="import-progress" />
      {failure ? <ErrorAlert error={failure} /> : null}
      {done ? (
        <Alert color="green" variant="light" data-testid="import-done">
          {t('import.done', { file: done.file, rows: f.number(done.rows) })}
        </Alert>
      ) : null}
      {checked ? (
        <Alert color="blue" variant="light" data-testid="import-valid">
          {t('import.valid', {
            file: checked.file,
            rows: f.number(checked.rows),
            distributors: f.number(checked.distributors),
            customers: f.number(checked.customers),
          })}
        </Alert>
      ) : null}
      {problems.length ? (
        <Stack gap={4}>
          <Text c="red" fw={600} size="sm" data-testid="import-problem-count">
            {t('import.problems', { count: problems.length })}
          </Text>
          <ProblemsTable
            problems={problems}
            head={[
              { label: t('import.line'), w: 70 },
              { label: t('import.column'), w: 130 },
              { label: t('import.message') },
            ]}
            mah={320}
            verticalSpacing={2}
            fz="sm"
            data-testid="import-problems"
          />
        </Stack>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          {t('actions.close')}
        </Button>
        <Button
          variant="default"
          onClick={job.check}
          disabled={!file || busy !== undefined || done !== undefined}
          loading={busy === 'check'}
          data-testid="import-check"
        >
          {t('import.check')}
        </Button>
        <Button
          onClick={job.run}
          disabled={!checked || busy !== undefined}
          loading={busy === 'run'}
          data-testid="import-run"
        >
          {t('import.run', { count: checked?.rows ?? 0 })}
        </Button>
      </Group>
    </Stack>
  );
}

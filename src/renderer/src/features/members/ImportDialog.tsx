import { useState } from 'react';
import { Alert, Button, FileInput, Group, Modal, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../../shared/ipc/members.contract';
import { ErrorAlert } from '../../components/ErrorAlert';
import { call, toApiError, type ApiError } from '../../lib/api';
import { useFormat } from '../../lib/format';
import { ProblemsTable } from '../../components/ProblemsTable';
import { fileToBase64 } from './files';

interface Problem {
  file: string;
  line: number;
  column: string;
  message: string;
}

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
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportResult | undefined>();
  const [done, setDone] = useState<ImportResult | undefined>();
  const [problems, setProblems] = useState<Problem[]>([]);
  const [failure, setFailure] = useState<ApiError | undefined>();
  const [busy, setBusy] = useState<'check' | 'run' | undefined>();
  const pick = (f: File | null) => {
    setFile(f);
    setChecked(undefined);
    setProblems([]);
    setFailure(undefined);
  };

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(dryRun ? 'check' : 'run');
    setFailure(undefined);
    setProblems([]);
    try {
      const r = await call('members:import', {
        fileName: file.name,
        base64: await fileToBase64(file),
        dryRun,
      });
      if (dryRun) setChecked(r);
      else {
        setDone(r);
        setChecked(undefined);
        setFile(null);
        onImported(r);
      }
    } catch (e) {
      const a = toApiError(e);
      const list = (a.details as { errors?: Problem[] } | undefined)?.errors;
      if (Array.isArray(list)) setProblems(list);
      else setFailure(a);
      setChecked(undefined);
    } finally {
      setBusy(undefined);
    }
  };

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
        onChange={pick}
        clearable
        data-testid="import-file"
      />
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
          onClick={() => void send(true)}
          disabled={!file}
          loading={busy === 'check'}
          data-testid="import-check"
        >
          {t('import.check')}
        </Button>
        <Button
          onClick={() => void send(false)}
          disabled={!checked}
          loading={busy === 'run'}
          data-testid="import-run"
        >
          {t('import.run', { count: checked?.rows ?? 0 })}
        </Button>
      </Group>
    </Stack>
  );
}

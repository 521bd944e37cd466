import { useTranslation } from 'react-i18next';
import type { useImportJob } from '../lib/useImportJob';
import { JobProgressPanel, knownStage } from './JobProgressPanel';

/** The stages the importers report (services/*-import.ts); before the first: 'starting'. */
const STAGES = ['validate', 'insert', 'write', 'products'];

/**
 * A running file import's progress bar, with Cancel (nothing is written when cancelled);
 * nothing while the dialog's import job is idle.
 */
export function ImportProgress({
  job,
  testId,
}: {
  job: Pick<ReturnType<typeof useImportJob>, 'running' | 'progress' | 'cancel'>;
  testId: string;
}) {
  const { t } = useTranslation('common');
  const { running, progress } = job;
  if (!running) return null;
  return (
    <JobProgressPanel
      label={t(running.dryRun ? 'importJob.checking' : 'importJob.importing', {
        file: running.file,
      })}
      progress={progress}
      stageText={t(`importJob.stage.${knownStage(progress, STAGES)}`)}
      cancelText={t('importJob.cancel')}
      onCancel={job.cancel}
      testId={testId}
    />
  );
}

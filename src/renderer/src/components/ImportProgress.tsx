import { useTranslation } from 'react-i18next';
import type { JobDto } from '../../../shared/ipc/close.contract';
import { JobProgressPanel, knownStage } from './JobProgressPanel';

/** The stages the importers report (services/*-import.ts); before the first: 'starting'. */
const STAGES = ['validate', 'insert', 'write', 'products'];

/** A running file import's progress bar, with Cancel (nothing is written when cancelled). */
export function ImportProgress({
  file,
  dryRun,
  progress,
  onCancel,
  testId,
}: {
  file: string;
  dryRun: boolean;
  progress: JobDto['progress'];
  onCancel: () => void;
  testId: string;
}) {
  const { t } = useTranslation('common');
  return (
    <JobProgressPanel
      label={t(dryRun ? 'importJob.checking' : 'importJob.importing', { file })}
      progress={progress}
      stageText={t(`importJob.stage.${knownStage(progress, STAGES)}`)}
      cancelText={t('importJob.cancel')}
      onCancel={onCancel}
      testId={testId}
    />
  );
}

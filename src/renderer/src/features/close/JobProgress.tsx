import { useTranslation } from 'react-i18next';
import type { JobDto } from '../../../../shared/ipc/close.contract';
import { JobProgressPanel, knownStage } from '../../components/JobProgressPanel';

const STAGES = ['snapshot', 'inputs', 'compute', 'hash', 'summary', 'write', 'explain'];

/** A close job's progress (preview, commit, explain) with the close screen's stage names. */
export function JobProgress({
  label,
  progress,
  onCancel,
  testId,
}: {
  label: string;
  progress: JobDto['progress'];
  onCancel?: () => void;
  testId: string;
}) {
  const { t } = useTranslation('close');
  return (
    <JobProgressPanel
      label={label}
      progress={progress}
      stageText={t(`progress.stage.${knownStage(progress, STAGES)}`)}
      cancelText={t('actions.cancel')}
      onCancel={onCancel}
      testId={testId}
    />
  );
}

import { FeatureJobProgress, type JobBarProps } from '../../components/JobProgressPanel';

const STAGES = ['snapshot', 'inputs', 'compute', 'hash', 'summary', 'write', 'explain'];

/** A close job's progress (preview, commit, explain) with the close screen's stage names. */
export function JobProgress(props: JobBarProps) {
  return <FeatureJobProgress {...props} ns="close" stages={STAGES} cancelKey="actions.cancel" />;
}

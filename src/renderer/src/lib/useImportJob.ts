import { useState } from 'react';
import { tabularProblems } from '../../../shared/ipc/members.contract';
import type { In, Out } from './api';
import { useJob, type JobChannel } from './useJob';

/** The file imports: each runs as a job in main's imports worker (contract `job: true`). */
export type ImportChannel = Extract<JobChannel, `${string}:import`>;

/** A picked file's bytes as base64, the way main takes an imported file from the renderer. */
async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/**
 * The state of an import dialog: the picked file, "check" (a dry run) and "import", each run as
 * a job whose progress the dialog shows and may cancel (main stops the worker; the import's
 * transaction never commits, nothing is written). `checked` is the last check's result (import
 * is offered then), `done` the import's; picking another file starts over.
 */
export function useImportJob<C extends ImportChannel>(channel: C, onImported: (r: Out<C>) => void) {
  const job = useJob(channel);
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<Out<C> | undefined>();
  const [done, setDone] = useState<Out<C> | undefined>();
  /** What is running, from reading the file to the job's end: a check or an import of which file. */
  const [running, setRunning] = useState<{ dryRun: boolean; file: string } | undefined>();

  const pick = (next: File | null) => {
    setFile(next);
    setChecked(undefined);
    setDone(undefined);
    job.reset();
  };

  const send = async (dryRun: boolean) => {
    if (!file) return;
    setChecked(undefined);
    setRunning({ dryRun, file: file.name });
    try {
      const base64 = await fileToBase64(file);
      const r = await job.start({ fileName: file.name, base64, dryRun } as In<C>);
      if (!r) return; // refused (problems, error) or cancelled: the job's state says which
      if (dryRun) setChecked(r);
      else {
        setDone(r);
        onImported(r);
      }
    } finally {
      setRunning(undefined);
    }
  };

  const error = job.status === 'error' ? job.error : undefined;
  return {
    file,
    pick,
    check: () => void send(true),
    run: () => void send(false),
    checked,
    done,
    /** What is running: a check or an import of which file (undefined when idle). */
    running,
    busy: running ? (running.dryRun ? 'check' : 'run') : undefined,
    progress: job.progress,
    cancel: () => void job.cancel(),
    error,
    problems: tabularProblems(error?.details),
  };
}

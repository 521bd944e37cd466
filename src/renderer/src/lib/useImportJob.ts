import { useState } from 'react';
import type { ApiError, In, Out } from './api';
import { useJob, type JobChannel } from './useJob';

/** The file imports: each runs as a job in main's imports worker (contract `job: true`). */
export type ImportChannel = Extract<JobChannel, `${string}:import`>;

/** One refused row of an imported file, as main reports it (`details.errors`). */
export interface ImportProblem {
  file: string;
  line: number;
  column: string;
  message: string;
}

/** The problems an import refused its file for, when that is why it failed. */
export function importProblems(e: ApiError | undefined): ImportProblem[] | undefined {
  const errors = (e?.details as { errors?: unknown } | undefined)?.errors;
  return Array.isArray(errors) ? (errors as ImportProblem[]) : undefined;
}

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
 * Check (dry run) or import a picked file as a job: the dialog shows the job's progress and
 * can cancel it (main stops the worker; the import's transaction is rolled back, nothing
 * written). `send` resolves with the result, or undefined when the import failed or was
 * cancelled (`error`, `problems` then say why).
 */
export function useImportJob<C extends ImportChannel>(channel: C) {
  const job = useJob(channel);
  const [mode, setMode] = useState<{ dryRun: boolean; file: string } | undefined>();
  const [encoding, setEncoding] = useState(false);

  const send = async (file: File, dryRun: boolean): Promise<Out<C> | undefined> => {
    setMode({ dryRun, file: file.name });
    setEncoding(true);
    let base64: string;
    try {
      base64 = await fileToBase64(file);
    } finally {
      setEncoding(false);
    }
    return job.start({ fileName: file.name, base64, dryRun } as In<C>);
  };

  const running = encoding || job.status === 'running';
  const error = job.status === 'error' ? job.error : undefined;
  return {
    send,
    /** What is running: a check or an import of which file (undefined when idle). */
    running: running ? mode : undefined,
    progress: job.progress,
    cancel: job.cancel,
    reset: job.reset,
    error,
    problems: importProblems(error),
  };
}

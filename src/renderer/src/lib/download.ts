import { useState } from 'react';
import { toApiError, type ApiError } from './api';

/**
 * Files made by main (payout sheet, bank file, statements, reports) arrive as base64 bytes; the
 * renderer offers them as a download through a Blob URL. Electron shows its save dialog for it,
 * a browser (the e2e harness) saves it.
 */
export interface FileBytes {
  fileName: string;
  mime: string;
  base64: string;
}

export function downloadFile(file: FileBytes): void {
  const binary = atob(file.base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: file.mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

/** Runs a file-producing call and downloads its result; tracks progress, errors, last file. */
export function useDownload() {
  const [running, setRunning] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [done, setDone] = useState<string | null>(null);
  const run = async (key: string, make: () => Promise<FileBytes>): Promise<void> => {
    setRunning(key);
    setError(undefined);
    setDone(null);
    try {
      const file = await make();
      downloadFile(file);
      setDone(file.fileName);
    } catch (e) {
      setError(toApiError(e));
    } finally {
      setRunning(null);
    }
  };
  return { run, running, error, done, clear: () => setDone(null) };
}

import type { Command } from 'commander';
import type { Channel, Contract } from '../shared/ipc/contract';
import type { InputOf, OutputOf } from '../shared/ipc/channel';
import type { Db } from '../main/db/client';

/** Refused input: exit 2, message on stderr, nothing written. */
export class Refused extends Error {}

export interface CliIo {
  out: (s: string) => void;
  err: (s: string) => void;
}

/** What a command module gets: the program, a dispatch-backed call, output, and the db. */
export interface CliKit {
  program: Command;
  call: <C extends Channel>(
    channel: C,
    input: InputOf<Contract[C]>,
  ) => Promise<OutputOf<Contract[C]>>;
  io: CliIo;
  db: () => Db;
  int: (name: string) => (v: string) => number;
}

export type CommandModule = (kit: CliKit) => void;

/** @module The engine's rows of the `hostile` fixture table, typed, for read-back comparisons. */
import { engineTables } from './examples.js';
import { hostileSchema } from './fixtures.js';

export interface HostileRow {
  id: number;
  text: string;
  quoted: string;
  maybe: string | null;
  amount: number;
  flag: boolean;
  /** Epoch ms (date, timestamp) and ms of the day (time), as the engine holds them. */
  day: number;
  at: number;
  clock: number;
}

export function hostileRows(): HostileRow[] {
  const table = engineTables(hostileSchema).find((t) => t.name === 'hostile');
  return (table?.rows ?? []).map((r) => {
    const [id, text, quoted, maybe, amount, flag, day, at, clock] = r as [
      number,
      string,
      string,
      string | null,
      number,
      boolean,
      number,
      number,
      number,
    ];
    return { id, text, quoted, maybe, amount, flag, day, at, clock };
  });
}

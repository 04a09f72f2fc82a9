/** What a demo load did, per kind of record: created now, or found from an earlier run. */
export type DemoTally = Record<string, { created: number; existing: number }>;

export type Say = (line: string) => void;

/** Counts one kind of record and prints its progress every tenth of the way. */
export class Progress {
  readonly tally: DemoTally = {};

  constructor(private readonly say: Say) {}

  step(kind: string, total: number): { record(created: boolean): void } {
    const counts = (this.tally[kind] ??= { created: 0, existing: 0 });
    const every = Math.max(1, Math.ceil(total / 10));
    let done = 0;
    return {
      record: (created: boolean) => {
        if (created) counts.created += 1;
        else counts.existing += 1;
        done += 1;
        if (done % every === 0 || done === total) this.say(`  ${kind.padEnd(34)} ${String(done).padStart(5)} / ${total}  (${counts.created} nuevos)`);
      },
    };
  }

  /** Creates the record unless `existing` says it is there; counts either way. */
  async ensure<T>(kind: string, existing: T | undefined, create: () => Promise<T>): Promise<T> {
    const counts = (this.tally[kind] ??= { created: 0, existing: 0 });
    if (existing !== undefined) {
      counts.existing += 1;
      return existing;
    }
    const created = await create();
    counts.created += 1;
    return created;
  }
}

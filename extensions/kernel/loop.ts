// A piece of background work run when woken, one run at a time: a wake that
// comes during a run asks for one more run after it, however many came. Used
// by the job worker for the reconciliation scan and the phone outbox.

export interface Loop {
  wake(): void;
  /** Resolves when no run is going on (for a clean stop). */
  idle(): Promise<void>;
}

export function wakeable(name: string, work: () => Promise<unknown>): Loop {
  let running: Promise<void> | null = null;
  let again = false;
  const run = async () => {
    do {
      again = false;
      try {
        await work();
      } catch (error) {
        console.error(`worker: ${name} failed: ${(error as Error).message}`);
      }
    } while (again);
    running = null;
  };
  return {
    wake() {
      if (running) again = true;
      else running = run();
    },
    idle: () => running ?? Promise.resolve(),
  };
}

// A job the server runs on a timer (the nightly retention, the residence contracts' horizon): a
// first run shortly after start, then every period; a failed run is logged by its error code only
// (never a message that could hold personal data) and retried at the next tick.

export interface JobLog {
  info: (msg: string) => void;
  error: (msg: string) => void;
}

/** Starts `run` after `firstAfterMs`, then every `everyMs`; the timers never keep the process alive. Returns a stop function. */
export function startPeriodic(what: string, run: () => string | null, log: JobLog, firstAfterMs: number, everyMs: number): () => void {
  const tick = () => {
    try {
      const said = run();
      if (said) log.info(said);
    } catch (e) {
      const code = (e as { code?: unknown })?.code;
      log.error(`${what} failed (${typeof code === 'string' ? code : e instanceof Error ? e.name : 'unknown'}); retried at the next check`);
    }
  };
  const first = setTimeout(tick, firstAfterMs);
  first.unref();
  const timer = setInterval(tick, everyMs);
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}

// Reads a Chromium trace of one page load and says where the time to the field went: the
// network until the script arrived, compiling and running it, rendering, and how long the main
// thread sat idle between the first render and the field (waiting on promises and timers
// rather than working).

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
}

export interface LoadBreakdown {
  /** Milliseconds from navigation start. */
  /** When the last of the page's files arrived. */
  filesArrived: number;
  firstRender: number;
  fieldReady: number;
  /** Main-thread work in milliseconds within each span. */
  busyBeforeFirstRender: number;
  busyAfterFirstRender: number;
  /** Top-level main-thread tasks between the first render and the field. */
  tasksAfterFirstRender: number;
  compile: number;
}

/** The marks the page's watcher sets; see `watchForField` in run.ts. */
export const marks = { firstRender: 'cca:first-render', fieldReady: 'cca:field-ready' };

export const traceCategories = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'blink.user_timing',
  'loading',
  'v8',
  'toplevel',
  'disabled-by-default-v8.cpu_profiler',
];

const ms = (microseconds: number) => microseconds / 1000;

function markTime(events: readonly TraceEvent[], name: string): TraceEvent {
  const event = events.find((candidate) => candidate.name === name);
  if (!event) throw new Error(`The trace has no "${name}" mark: did the page load?`);
  return event;
}

/** Sums the parts of `[from, to)` that top-level tasks on one thread covered. */
function busy(tasks: readonly TraceEvent[], from: number, to: number): number {
  return tasks.reduce((sum, task) => {
    const start = Math.max(task.ts, from);
    const end = Math.min(task.ts + (task.dur ?? 0), to);
    return end > start ? sum + end - start : sum;
  }, 0);
}

export function breakDown(traceEvents: readonly TraceEvent[]): LoadBreakdown {
  const firstRender = markTime(traceEvents, marks.firstRender);
  const fieldReady = markTime(traceEvents, marks.fieldReady);
  const onMain = (event: TraceEvent) =>
    event.pid === fieldReady.pid && event.tid === fieldReady.tid;
  const navigation = traceEvents.find(
    (event) => event.name === 'navigationStart' && event.pid === fieldReady.pid,
  );
  if (!navigation) throw new Error('The trace has no navigationStart in the page.');
  const start = navigation.ts;
  const tasks = traceEvents.filter(
    (event) => event.ph === 'X' && event.name === 'RunTask' && onMain(event),
  );
  // The page's own files (HTML, script, styles) all arrive before it first renders.
  const arrivals = traceEvents
    .filter((event) => event.name === 'ResourceFinish' && event.ts < firstRender.ts)
    .map((event) => event.ts);
  const compile = traceEvents
    .filter((event) => onMain(event) && event.ph === 'X' && /compile/i.test(event.name))
    .reduce((sum, event) => sum + (event.dur ?? 0), 0);
  return {
    filesArrived: ms(Math.max(start, ...arrivals) - start),
    firstRender: ms(firstRender.ts - start),
    fieldReady: ms(fieldReady.ts - start),
    busyBeforeFirstRender: ms(busy(tasks, start, firstRender.ts)),
    busyAfterFirstRender: ms(busy(tasks, firstRender.ts, fieldReady.ts)),
    tasksAfterFirstRender: tasks.filter(
      (task) => task.ts >= firstRender.ts && task.ts < fieldReady.ts,
    ).length,
    compile: ms(compile),
  };
}

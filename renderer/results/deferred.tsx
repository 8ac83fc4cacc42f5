/**
 * Keeping heavy parts of the page off the path from a result to its headline (issue 11: mouse-up to
 * figures under 500 ms). The map shares the main thread and each of its frames costs hundreds of
 * milliseconds under software WebGL, so anything that renders with the headline delays it.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A <details> whose body is rendered only once it has been opened (charts and long tables inside
 * closed sections cost a render on every result otherwise). Once opened it stays rendered.
 */
export function LazyDetails({ summary, children, className, testId }: { summary: ReactNode; children: () => ReactNode; className?: string; testId?: string }) {
  const [opened, setOpened] = useState(false);
  return (
    <details className={className} data-testid={testId} onToggle={(e) => { if ((e.currentTarget as HTMLDetailsElement).open) setOpened(true); }}>
      <summary>{summary}</summary>
      {opened && children()}
    </details>
  );
}

const idle = (f: () => void): (() => void) => {
  if (typeof requestIdleCallback === 'function') { const id = requestIdleCallback(f, { timeout: 2000 }); return () => cancelIdleCallback(id); }
  const id = setTimeout(f, 200);
  return () => clearTimeout(id);
};

/**
 * `value`, lagging until the page is idle (at most about two seconds); at once when `now()` is
 * called (e.g. before printing). For parts that must be in the page but not on screen (the print report).
 */
export function useIdleValue<T>(value: T): { value: T; now(): void } {
  const [shown, setShown] = useState(value);
  const latest = useRef(value);
  latest.current = value;
  useEffect(() => idle(() => setShown(value)), [value]);
  const now = useCallback(() => setShown(latest.current), []);
  return { value: shown, now };
}

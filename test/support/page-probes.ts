/**
 * Measurements that run inside the page (page.evaluate), kept as source text: the test code is
 * type-checked without the DOM library on purpose (core code must never see DOM globals), and
 * these are the only lines that need it.
 */

const call = (source: string, argument: unknown): string => `(${source})(${JSON.stringify(argument)})`;

/** Starts recording the time between animation frames (ms) until stopFrameRecorder(). */
export function startFrameRecorder(): string {
  return call(
    `() => {
      window.__frames = [];
      window.__recording = true;
      let last = performance.now();
      const tick = (now) => {
        window.__frames.push(now - last);
        last = now;
        if (window.__recording) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }`,
    null,
  );
}

/** Stops the recorder and returns the frame times (the first, which waited for the recorder to start, dropped). */
export function stopFrameRecorder(): string {
  return call(`() => { window.__recording = false; return window.__frames.slice(1); }`, null);
}

/** Counts rendered rows on every frame until stopRowCounter(): the most the DOM ever held. */
export function startRowCounter(selector: string): string {
  return call(
    `(selector) => {
      window.__maxRows = 0;
      window.__counting = true;
      const tick = () => {
        window.__maxRows = Math.max(window.__maxRows, document.querySelectorAll(selector).length);
        if (window.__counting) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    }`,
    selector,
  );
}

export function stopRowCounter(): string {
  return call(`() => { window.__counting = false; return window.__maxRows; }`, null);
}

export type PageAction = { kind: 'click'; selector: string } | { kind: 'type'; selector: string; value: string } | { kind: 'select'; selector: string; value: string };
/** A condition on one element: an attribute (or its text) equal to, or containing, a value. */
export interface DomCondition {
  selector: string;
  attribute?: string;
  equals?: string;
  includes?: string;
}

export interface ActionTiming {
  /** From the action to the DOM showing the result (the mutation that satisfied the condition). */
  domMs: number;
  /** From the action to the end of the next animation frame after it: when it is on screen. */
  paintedMs: number;
}

/**
 * Performs an action in the page (a click, typing into a React input, or picking an option) and times it until
 * the DOM satisfies the condition, checked on every mutation. NaN if it never does within 10 s.
 */
export function timeAction(action: PageAction, until: DomCondition): string {
  return call(
    `async ({ action, until }) => {
      const holds = () => {
        const element = document.querySelector(until.selector);
        if (!element) return false;
        const value = until.attribute ? element.getAttribute(until.attribute) : element.textContent;
        if (until.equals !== undefined) return value === until.equals;
        if (until.includes !== undefined) return (value ?? '').includes(until.includes);
        return true;
      };
      const shown = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
          if (!holds()) return;
          observer.disconnect();
          resolve(performance.now());
        });
        observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
        setTimeout(() => { observer.disconnect(); resolve(NaN); }, 10000);
      });
      const started = performance.now();
      const target = document.querySelector(action.selector);
      if (action.kind === 'click') target.click();
      else if (action.kind === 'select') {
        target.value = action.value;
        target.dispatchEvent(new Event('change', { bubbles: true }));
      } else {
        // React tracks an input's value through the native setter; assign through it, then fire input.
        Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(target, action.value);
        target.dispatchEvent(new Event('input', { bubbles: true }));
      }
      const domAt = await shown;
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
      return { domMs: domAt - started, paintedMs: performance.now() - started };
    }`,
    { action, until },
  );
}

/** The grid's scroll position and size. */
export function scrollTo(selector: string, top: number | 'bottom'): string {
  return call(
    `({ selector, top }) => {
      const element = document.querySelector(selector);
      element.scrollTop = top === 'bottom' ? element.scrollHeight : top;
      return { scrollTop: element.scrollTop, scrollHeight: element.scrollHeight, clientHeight: element.clientHeight };
    }`,
    { selector, top },
  );
}

/** p50, p95, max and mean of a list of numbers, rounded to 0.1. */
export function summarize(values: number[]): { count: number; p50: number; p95: number; max: number; mean: number } {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (fraction: number): number => sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? NaN;
  const round = (value: number): number => Math.round(value * 10) / 10;
  const mean = sorted.reduce((sum, value) => sum + value, 0) / Math.max(1, sorted.length);
  return { count: sorted.length, p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1) ?? NaN), mean: round(mean) };
}

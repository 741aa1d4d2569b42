/**
 * @module Per-key rate limits: a fixed window per principal (or per address before
 * authentication), in memory. A node behind a load balancer limits its own share.
 */
import { ServerError } from '../errors.js';

export interface RateLimitOptions {
  /** Requests per window and key (default 600). */
  max?: number;
  /** Window length in ms (default one minute). */
  windowMs?: number;
  now?: () => number;
}

export type RateLimiter = (key: string) => void;

export function createRateLimiter(o: RateLimitOptions = {}): RateLimiter {
  const max = o.max ?? 600;
  const windowMs = o.windowMs ?? 60_000;
  const now = o.now ?? Date.now;
  const windows = new Map<string, { start: number; count: number }>();
  return (key) => {
    const t = now();
    let w = windows.get(key);
    if (!w || t - w.start >= windowMs) {
      // Dropping ended windows on the way keeps the map to the keys active in this window.
      if (windows.size > 10_000) for (const [k, v] of windows) if (t - v.start >= windowMs) windows.delete(k);
      w = { start: t, count: 0 };
      windows.set(key, w);
    }
    w.count++;
    if (w.count > max) {
      const retryAfterSeconds = Math.max(1, Math.ceil((w.start + windowMs - t) / 1000));
      throw new ServerError('RATE_LIMITED', `more than ${max} requests in ${windowMs / 1000} s`, {
        details: { limit: max, windowSeconds: windowMs / 1000, retryAfterSeconds },
      });
    }
  };
}

/**
 * @module Prometheus metrics without a dependency: a request counter and a latency histogram by
 * route and status, rendered in the text exposition format.
 */
const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

function label(v: string): string {
  return v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly durations = new Map<string, Histogram>();

  /** Records one finished request; `route` is the route pattern, never the raw URL (bounded labels). */
  observe(method: string, route: string, status: number, seconds: number): void {
    const key = `method="${label(method)}",route="${label(route)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    const hk = `method="${label(method)}",route="${label(route)}"`;
    let h = this.durations.get(hk);
    if (!h) {
      h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 };
      this.durations.set(hk, h);
    }
    for (let i = 0; i < BUCKETS.length; i++)
      if (seconds <= (BUCKETS[i] as number)) h.counts[i] = (h.counts[i] ?? 0) + 1;
    h.sum += seconds;
    h.count++;
  }

  render(): string {
    const lines = [
      '# HELP tdm_http_requests_total HTTP requests by route and status.',
      '# TYPE tdm_http_requests_total counter',
    ];
    for (const [k, v] of this.requests) lines.push(`tdm_http_requests_total{${k}} ${v}`);
    lines.push(
      '# HELP tdm_http_request_duration_seconds HTTP request latency.',
      '# TYPE tdm_http_request_duration_seconds histogram',
    );
    for (const [k, h] of this.durations) {
      BUCKETS.forEach((b, i) =>
        lines.push(`tdm_http_request_duration_seconds_bucket{${k},le="${b}"} ${h.counts[i]}`),
      );
      lines.push(`tdm_http_request_duration_seconds_bucket{${k},le="+Inf"} ${h.count}`);
      lines.push(`tdm_http_request_duration_seconds_sum{${k}} ${h.sum}`);
      lines.push(`tdm_http_request_duration_seconds_count{${k}} ${h.count}`);
    }
    return lines.join('\n') + '\n';
  }
}

/**
 * @module Prometheus metrics without a dependency: a request counter and a latency histogram by
 * route and status, and the downloads regenerated from recipes (in flight, rows made, how they
 * ended), rendered in the text exposition format.
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
  /** Downloads being regenerated from their recipe right now. */
  regenerationsInFlight = 0;
  /** Rows generated for regenerated downloads (stops growing when a download is aborted). */
  regeneratedRows = 0;
  private readonly regenerationsEnded = new Map<string, number>();

  /** Counts a regenerated download from its start to its end (completed, aborted or failed). */
  regenerationStarted(): { rows(n: number): void; end(outcome: string): void } {
    this.regenerationsInFlight++;
    let ended = false;
    return {
      rows: (n) => (this.regeneratedRows += n),
      end: (outcome) => {
        if (ended) return;
        ended = true;
        this.regenerationsInFlight--;
        this.regenerationsEnded.set(outcome, (this.regenerationsEnded.get(outcome) ?? 0) + 1);
      },
    };
  }

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
    lines.push(
      '# HELP tdm_download_regenerations_in_flight Downloads being regenerated from their recipe.',
      '# TYPE tdm_download_regenerations_in_flight gauge',
      `tdm_download_regenerations_in_flight ${this.regenerationsInFlight}`,
      '# HELP tdm_download_regenerated_rows_total Rows generated for regenerated downloads.',
      '# TYPE tdm_download_regenerated_rows_total counter',
      `tdm_download_regenerated_rows_total ${this.regeneratedRows}`,
      '# HELP tdm_download_regenerations_total Regenerated downloads by how they ended.',
      '# TYPE tdm_download_regenerations_total counter',
    );
    for (const [outcome, n] of this.regenerationsEnded)
      lines.push(`tdm_download_regenerations_total{outcome="${label(outcome)}"} ${n}`);
    return lines.join('\n') + '\n';
  }
}

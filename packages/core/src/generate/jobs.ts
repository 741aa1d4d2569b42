/**
 * @module In-process generation jobs: status, progress and cancellation for `generateData`,
 * behind the brief's `getGenerationStatus(jobId)` and `cancelGeneration(jobId)`.
 */
import { TdmError } from '../errors/index.js';

export type JobState = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';

export interface GenerationStatus {
  jobId: string;
  status: JobState;
  /** 0-100. */
  progress: number;
  rowsDone: number;
  rowsTotal: number;
  /** The entity being written. */
  entity?: string;
  startTime?: number;
  endTime?: number;
  errorCode?: string;
  errorMessage?: string;
}

export class JobHandle {
  readonly status: GenerationStatus;
  private cancelRequested = false;
  readonly done: Promise<void>;
  private resolveDone!: () => void;

  constructor(jobId: string, rowsTotal: number) {
    this.status = { jobId, status: 'pending', progress: 0, rowsDone: 0, rowsTotal };
    this.done = new Promise((r) => (this.resolveDone = r));
  }

  get cancelled(): boolean {
    return this.cancelRequested;
  }

  /** Throws GENERATION_CANCELLED once cancel was requested (checked between chunks). */
  throwIfCancelled(): void {
    if (this.cancelRequested)
      throw new TdmError('GENERATION_CANCELLED', `generation ${this.status.jobId} was cancelled`);
  }

  requestCancel(): void {
    this.cancelRequested = true;
  }

  finish(): void {
    this.resolveDone();
  }
}

export class JobRegistry {
  private readonly jobs = new Map<string, JobHandle>();
  private counter = 0;

  /** Registers a job; ids are caller-supplied or sequential within this registry. */
  create(rowsTotal: number, jobId?: string): JobHandle {
    const id = jobId ?? `gen-${++this.counter}`;
    if (this.jobs.has(id)) throw new TdmError('INPUT_INVALID', `a generation with id ${id} already exists`);
    const job = new JobHandle(id, rowsTotal);
    this.jobs.set(id, job);
    return job;
  }

  get(jobId: string): JobHandle {
    const job = this.jobs.get(jobId);
    if (!job) throw new TdmError('GENERATION_JOB_NOT_FOUND', `no generation with id ${jobId}`);
    return job;
  }

  /** A copy of the job's status. */
  status(jobId: string): GenerationStatus {
    return { ...this.get(jobId).status };
  }

  /** Requests cancellation and resolves once the job stopped and removed its partial files. */
  async cancel(jobId: string): Promise<void> {
    const job = this.get(jobId);
    if (
      job.status.status === 'completed' ||
      job.status.status === 'failed' ||
      job.status.status === 'cancelled'
    )
      return;
    job.requestCancel();
    await job.done;
  }
}

/** The registry behind the module-level `getGenerationStatus` / `cancelGeneration`. */
export const defaultJobs = new JobRegistry();

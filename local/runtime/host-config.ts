/** host.json, read as the Functions host reads it, with the host's defaults for what it leaves out. */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/** A .NET TimeSpan as host.json writes it: "hh:mm:ss" or "d.hh:mm:ss". */
export function parseTimeSpan(value: string): number {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d+))?$/.exec(value.trim());
  if (!match) throw new Error(`"${value}" is not a TimeSpan (hh:mm:ss)`);
  const [, days, hours, minutes, seconds, fraction] = match;
  const ms = fraction ? Number(`0.${fraction}`) * 1000 : 0;
  return ((Number(days ?? 0) * 24 + Number(hours)) * 3600 + Number(minutes) * 60 + Number(seconds)) * 1000 + ms;
}

const timeSpan = z.string().transform((value, ctx) => {
  try {
    return parseTimeSpan(value);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: (error as Error).message });
    return z.NEVER;
  }
});

const hostJsonSchema = z.object({
  version: z.literal('2.0'),
  /** Least log level per category (log-levels.ts); what else `logging` holds is Application Insights', not ours. */
  logging: z.object({ logLevel: z.record(z.string(), z.string()).default({}) }).prefault({}),
  extensions: z
    .object({
      http: z.object({ routePrefix: z.string().default('api') }).prefault({}),
      queues: z
        .object({
          maxDequeueCount: z.number().int().min(1).default(5),
          visibilityTimeout: timeSpan.default(0),
          maxPollingInterval: timeSpan.default(60_000),
          batchSize: z.number().int().min(1).max(32).default(16),
        })
        .prefault({}),
      blobs: z.object({ maxDegreeOfParallelism: z.number().int().min(1).default(8) }).prefault({}),
    })
    .prefault({}),
});

export type HostConfig = z.infer<typeof hostJsonSchema>;

export function parseHostConfig(json: unknown): HostConfig {
  const parsed = hostJsonSchema.safeParse(json);
  if (!parsed.success) {
    throw new Error(
      `host.json is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  return parsed.data;
}

export async function readHostConfig(path: string): Promise<HostConfig> {
  return parseHostConfig(JSON.parse(await readFile(path, 'utf8')) as unknown);
}

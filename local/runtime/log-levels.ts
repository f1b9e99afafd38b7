/**
 * host.json's `logging.logLevel`, applied as the Functions host applies it: each log has a category, and the most
 * specific configured category that is it or a dot-separated prefix of it (`Function`, `Function.liveCaseFeed`,
 * `Function.liveCaseFeed.User`) sets the least level written; otherwise `default`; otherwise Information. The host
 * logs each invocation's "Executed" line under `Function.<name>` and a function's own logs under
 * `Function.<name>.User`. As in Azure, an app setting `AzureFunctionsJobHost__logging__logLevel__<category>`
 * overrides host.json's value (the local runtime reads the environment it is given).
 */
import type { LogLevel } from '@azure/functions';

export const logLevelRank: Record<LogLevel, number> = {
  trace: 0,
  debug: 1,
  information: 2,
  warning: 3,
  error: 4,
  critical: 5,
  none: 6,
};

export interface LogLevels {
  /** The least rank (logLevelRank) written for a category; results are kept per category. */
  levelFor(category: string): number;
}

/** Parses a host.json level name (Trace, Debug, Information, Warning, Error, Critical, None; any case). */
export function parseLogLevel(value: string, where: string): number {
  const rank = (logLevelRank as Record<string, number | undefined>)[value.trim().toLowerCase()];
  if (rank === undefined) {
    throw new Error(
      `${where}: "${value}" is not a log level (Trace, Debug, Information, Warning, Error, Critical, None)`,
    );
  }
  return rank;
}

const appSettingPrefix = 'azurefunctionsjobhost__logging__loglevel__';

export function logLevels(
  configured: Readonly<Record<string, string>> = {},
  env: Readonly<Record<string, string | undefined>> = {},
): LogLevels {
  const levels = new Map<string, number>();
  for (const [category, value] of Object.entries(configured)) {
    levels.set(category.toLowerCase(), parseLogLevel(value, `host.json logging.logLevel.${category}`));
  }
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined || !name.toLowerCase().startsWith(appSettingPrefix)) continue;
    const category = name.slice(appSettingPrefix.length);
    levels.set(category.toLowerCase(), parseLogLevel(value, name));
  }
  const cache = new Map<string, number>();
  return {
    levelFor(category) {
      let rank = cache.get(category);
      if (rank === undefined) {
        let key = category.toLowerCase();
        for (;;) {
          rank = levels.get(key);
          if (rank !== undefined) break;
          const dot = key.lastIndexOf('.');
          if (dot === -1) {
            rank = levels.get('default') ?? logLevelRank.information;
            break;
          }
          key = key.slice(0, dot);
        }
        cache.set(category, rank);
      }
      return rank;
    },
  };
}

export const defaultLogLevels = logLevels();

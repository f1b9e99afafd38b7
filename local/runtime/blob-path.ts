/**
 * What every blob trigger shares: its path pattern (`container/prefix{name}`), parsed into the container to watch and
 * a matcher that gives the pattern's parameters for a blob name, and the names of the host's own storage.
 */

/** The Functions host's container (in Azure it keeps blob receipts, locks and the like there). */
export const BLOB_RECEIPTS_CONTAINER = 'azure-webjobs-hosts';
/** Where the host reports a blob whose function failed maxDequeueCount times. */
export const BLOB_POISON_QUEUE = 'webjobs-blobtrigger-poison';

export interface BlobPathPattern {
  container: string;
  match(blobName: string): Record<string, string> | null;
}

export function parseBlobPath(path: string): BlobPathPattern {
  const slash = path.indexOf('/');
  const container = slash === -1 ? path : path.slice(0, slash);
  const blobPattern = slash === -1 ? '{name}' : path.slice(slash + 1);
  if (!/^[a-z0-9](?:[a-z0-9-]{1,61})[a-z0-9]$/.test(container) && !/^%[A-Za-z0-9_]+%$/.test(container)) {
    throw new Error(
      `Blob trigger path "${path}": container "${container}" must be 3-63 lowercase letters, digits or hyphens`,
    );
  }
  const names: string[] = [];
  const regexSource = blobPattern
    .split(/(\{[A-Za-z0-9_]+\})/)
    .map((part) => {
      const parameter = /^\{([A-Za-z0-9_]+)\}$/.exec(part);
      if (parameter?.[1]) {
        names.push(parameter[1]);
        return '(.+?)';
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  const regex = new RegExp(`^${regexSource}$`);
  return {
    container,
    match(blobName: string) {
      const result = regex.exec(blobName);
      if (!result) return null;
      const params: Record<string, string> = {};
      names.forEach((name, i) => {
        params[name] = result[i + 1] ?? '';
      });
      return params;
    },
  };
}

/**
 * `npm run token -- ROLE`: prints a signed access token for ROLE from the local identity provider of the running
 * local service (`npm start`), and nothing else on stdout, so that `TOKEN=$(npm run -s token -- media)` works.
 * The provider is found at LOCAL_IDP_URL, by default http://127.0.0.1:7072.
 *
 * Exit codes: 0 token printed; 1 provider not reachable or the flow failed; 2 unknown or missing role.
 */
import { pathToFileURL } from 'node:url';

import { DEFAULT_LOCAL_IDP_URL, isLocalRole, LOCAL_ROLES } from './local-identities.js';
import { fetchTokenForRole } from './token-flows.js';

export interface CliOutput {
  out: (text: string) => void;
  err: (text: string) => void;
}

const USAGE = `Usage: npm run token -- ROLE\nRoles: ${LOCAL_ROLES.join(', ')}`;

async function reachable(baseUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${baseUrl.replace(/\/+$/, '')}/`, { signal: AbortSignal.timeout(5000) });
    await response.body?.cancel();
    return true;
  } catch {
    return false;
  }
}

export async function runTokenCli(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  output: CliOutput,
): Promise<number> {
  const role = args[0];
  if (role === undefined || args.length > 1) {
    output.err(USAGE);
    return 2;
  }
  if (!isLocalRole(role)) {
    output.err(`Unknown role "${role}".\n${USAGE}`);
    return 2;
  }
  const baseUrl =
    env.LOCAL_IDP_URL !== undefined && env.LOCAL_IDP_URL !== '' ? env.LOCAL_IDP_URL : DEFAULT_LOCAL_IDP_URL;
  if (!(await reachable(baseUrl))) {
    output.err(
      `Cannot reach the local identity provider at ${baseUrl}.\n` +
        'Run `npm start` first (it starts the provider), or set LOCAL_IDP_URL to where it runs.',
    );
    return 1;
  }
  try {
    output.out(await fetchTokenForRole(baseUrl, role));
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    output.err(`Could not get a token for ${role} from ${baseUrl}: ${message}`);
    return 1;
  }
}

const invokedPath = process.argv[1];
if (invokedPath !== undefined && import.meta.url === pathToFileURL(invokedPath).href) {
  process.exitCode = await runTokenCli(process.argv.slice(2), process.env, {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  });
}

/**
 * The local identity provider in a process of its own, for benches that time our functions in their process. In
 * Azure the identity services are not in the function app's process; here, oidc-provider (koa) running beside the
 * functions would put its AsyncLocalStorage hooks on every promise the functions make (measured: about 6% of the CPU
 * of a small publication), a cost no deployment has.
 *
 * Run as a script, it starts the provider and answers one line of JSON per request on stdin: `token ROLE` answers
 * `{"token": ...}`; the first line it writes says where the provider is. It stops when stdin closes.
 * `startIdentityProviderProcess` starts it and gives what benches use of a LocalIdentityProvider.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import {
  startLocalIdentityProvider,
  type LocalIdentityProvider,
  type LocalRole,
} from '../local/identity/local-identity-provider.js';

type Described = Omit<LocalIdentityProvider, 'issueToken' | 'stop'>;

export async function startIdentityProviderProcess(): Promise<LocalIdentityProvider> {
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url)], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout });
  const waiting: ((line: string) => void)[] = [];
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const nextLine = (): Promise<string> =>
    new Promise((resolve, reject) => {
      waiting.push(resolve);
      void exited.then(() => {
        reject(new Error('bench/identity-provider-process exited'));
      });
    });
  lines.on('line', (line) => {
    waiting.shift()?.(line);
  });
  const described = JSON.parse(await nextLine()) as Described;
  return {
    ...described,
    async issueToken(role: LocalRole): Promise<string> {
      const answer = nextLine();
      child.stdin.write(`token ${role}\n`);
      return (JSON.parse(await answer) as { token: string }).token;
    },
    async stop(): Promise<void> {
      child.stdin.end();
      await exited;
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const provider = await startLocalIdentityProvider({ port: 0 });
  const described: Described = {
    baseUrl: provider.baseUrl,
    issuers: provider.issuers,
    mediaAccountEndpoint: provider.mediaAccountEndpoint,
    apiAudience: provider.apiAudience,
    webClient: provider.webClient,
  };
  process.stdout.write(`${JSON.stringify(described)}\n`);
  const requests = createInterface({ input: process.stdin });
  requests.on('line', (line) => {
    const [command, role] = line.split(' ');
    if (command === 'token' && role !== undefined) {
      void provider
        .issueToken(role as LocalRole)
        .then((token) => process.stdout.write(`${JSON.stringify({ token })}\n`));
    }
  });
  requests.on('close', () => {
    void provider.stop().then(() => {
      process.exit(0);
    });
  });
}

/**
 * The Entra token path to PostgreSQL: the pool asks the injected token source for the password of each new
 * connection, reuses a token while it has time to live, and fetches a new one before it expires. The server here
 * speaks the PostgreSQL wire protocol as Azure's does for Entra sign-in (it asks for a cleartext password, the token)
 * and records what each connection sent; the local PostgreSQL trusts every password, so it could not show this.
 */
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase } from './database.js';
import { entraPassword, POSTGRES_ENTRA_SCOPE, type TokenSource } from './entra-password.js';

/** Startup: int32 length, int32 protocol, parameters. Then 'p' password messages. Answers: ask for a cleartext password, then refuse (the test only needs what was sent). */
function startPasswordRecordingServer(): Promise<{
  server: Server;
  port: number;
  received: { user: string; password: string }[];
}> {
  const received: { user: string; password: string }[] = [];
  const server = createServer((socket) => {
    let buffer = Buffer.alloc(0);
    let user = '';
    let started = false;
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (!started) {
          if (buffer.length < 8) return;
          const length = buffer.readInt32BE(0);
          if (buffer.length < length) return;
          const code = buffer.readInt32BE(4);
          if (code === 80877103) {
            // SSLRequest: no TLS here
            socket.write('N');
            buffer = buffer.subarray(length);
            continue;
          }
          const parameters = buffer
            .subarray(8, length - 1)
            .toString('utf8')
            .split('\0');
          user = parameters[parameters.indexOf('user') + 1] ?? '';
          started = true;
          buffer = buffer.subarray(length);
          const ask = Buffer.alloc(9);
          ask.write('R', 0);
          ask.writeInt32BE(8, 1);
          ask.writeInt32BE(3, 5); // AuthenticationCleartextPassword
          socket.write(ask);
          continue;
        }
        if (buffer.length < 5) return;
        const length = buffer.readInt32BE(1);
        if (buffer.length < length + 1) return;
        if (buffer.toString('utf8', 0, 1) === 'p') {
          received.push({
            user,
            password: buffer
              .subarray(5, length + 1)
              .toString('utf8')
              .replace(/\0$/, ''),
          });
          const fields = Buffer.from('SFATAL\0C28P01\0Mrecorded\0\0', 'utf8');
          const error = Buffer.alloc(5);
          error.write('E', 0);
          error.writeInt32BE(fields.length + 4, 1);
          socket.end(Buffer.concat([error, fields]));
        }
        buffer = buffer.subarray(length + 1);
      }
    });
    socket.on('error', () => undefined);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      resolve({ server, port: (server.address() as AddressInfo).port, received });
    });
  });
}

let fake: Awaited<ReturnType<typeof startPasswordRecordingServer>>;

beforeAll(async () => {
  fake = await startPasswordRecordingServer();
});

afterAll(async () => {
  await new Promise((resolve) => fake.server.close(resolve));
});

describe('PostgreSQL with an Entra token as the password', () => {
  it('sends the token as the password of each new connection, fetching a new one before the old expires', async () => {
    let clock = Date.parse('2026-11-30T09:00:00Z');
    const requests: (string | string[])[] = [];
    let issued = 0;
    const source: TokenSource = {
      getToken(scopes) {
        requests.push(scopes);
        issued += 1;
        // Tokens live an hour.
        return Promise.resolve({ token: `token-${issued}`, expiresOnTimestamp: clock + 60 * 60 * 1000 });
      },
    };
    const database = createDatabase(
      { DATABASE_URL: `postgres://id-pip-prod@127.0.0.1:${fake.port}/pip`, DATABASE_POOL_SIZE: 2 },
      { password: entraPassword(source, { now: () => clock }) },
    );
    try {
      await expect(database.query('SELECT 1')).rejects.toThrow(/recorded/);
      clock += 50 * 60 * 1000; // 10 minutes to live: still used
      await expect(database.query('SELECT 1')).rejects.toThrow(/recorded/);
      clock += 6 * 60 * 1000; // 4 minutes to live: within the 5-minute margin, so a new token
      await expect(database.query('SELECT 1')).rejects.toThrow(/recorded/);
    } finally {
      await database.end();
    }
    expect(fake.received).toEqual([
      { user: 'id-pip-prod', password: 'token-1' },
      { user: 'id-pip-prod', password: 'token-1' },
      { user: 'id-pip-prod', password: 'token-2' },
    ]);
    expect(requests).toEqual([POSTGRES_ENTRA_SCOPE, POSTGRES_ENTRA_SCOPE]);
  });

  it('shares one token request among connections opened at once', async () => {
    let calls = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    const password = entraPassword({
      async getToken() {
        calls += 1;
        await gate;
        return { token: 'shared', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    });
    const all = Promise.all([password(), password(), password()]);
    release();
    expect(await all).toEqual(['shared', 'shared', 'shared']);
    expect(calls).toBe(1);
  });

  it('fails the connection, naming the cause, when no token can be had', async () => {
    const failing = entraPassword({ getToken: () => Promise.reject(new Error('IMDS unreachable')) });
    await expect(failing()).rejects.toThrow('Could not get an Entra token for PostgreSQL: IMDS unreachable');
    const empty = entraPassword({ getToken: () => Promise.resolve(null) });
    await expect(empty()).rejects.toThrow(/answered none/);
  });
});

/**
 * An Application Insights ingestion endpoint on loopback, for tests: it answers `POST /v2.1/track` as the service does
 * and keeps every telemetry item it was sent. The Azure Monitor exporter sends only over HTTPS, so it serves TLS with
 * the loopback certificate below; the exporter trusts it through `tlsOptions.ca` (functions/telemetry.ts takes the
 * exporter's options). Test code only.
 *
 * The key and certificate were made once for 127.0.0.1 only, valid until 2126, with
 * `openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 36500 -subj "/CN=127.0.0.1"
 * -addext "subjectAltName=IP:127.0.0.1"`. They protect nothing.
 */
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

export const loopbackTlsCertificate = `-----BEGIN CERTIFICATE-----
MIIBjzCCATagAwIBAgIULHXJklZdc8ephf3/wGcFzgSKxHcwCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEzMDA0NDI1NVoYDzIxMjYxMTA2
MDQ0MjU1WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAAQlYS0wct9+PgRT40ETvO0zxv3GetwqxnCLZ8KI4H+dQBAOnk7RqJKv
ylFhhZYLzINw7OjZTaFNLE+rarl8wLbbo2QwYjAdBgNVHQ4EFgQUdoI5y92JDaCz
fogXKICyIAHwsnowHwYDVR0jBBgwFoAUdoI5y92JDaCzfogXKICyIAHwsnowDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0cAMEQC
ICZVtf7voAWZQikY8SB2dEWsAaScWUI+x/iL7g9fe9yuAiAiJ19vWREK5GTTP89B
Uqg0KoDJW8UmZo68hqAMFq0ACw==
-----END CERTIFICATE-----
`;

const loopbackTlsKey = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgMJT9Vo4ot1UBoG0i
7UnNq2P9r/Yll5PhM01gpn9oLI6hRANCAAQlYS0wct9+PgRT40ETvO0zxv3Getwq
xnCLZ8KI4H+dQBAOnk7RqJKvylFhhZYLzINw7OjZTaFNLE+rarl8wLbb
-----END PRIVATE KEY-----
`;

/** One telemetry item as the exporter sends it (the fields the tests read). */
export interface TelemetryItem {
  name: string;
  iKey: string;
  tags?: Record<string, string>;
  data: { baseType: string; baseData: { name?: string; properties?: Record<string, string> } };
}

export interface IngestionEndpoint {
  /** A connection string that sends here. */
  connectionString: string;
  /** Every item received, in order. */
  items: TelemetryItem[];
  /** The custom events received (baseType EventData). */
  customEvents(): { name: string; properties: Record<string, string> }[];
  close(): Promise<void>;
}

export async function startIngestionEndpoint(): Promise<IngestionEndpoint> {
  const items: TelemetryItem[] = [];
  const server = createServer({ key: loopbackTlsKey, cert: loopbackTlsCertificate }, (request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      let accepted = 0;
      if (request.method === 'POST' && request.url?.startsWith('/v2.1/track') === true) {
        const body = Buffer.concat(chunks);
        const text = (request.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body).toString('utf8');
        const parsed = JSON.parse(text) as TelemetryItem[] | TelemetryItem;
        const received = Array.isArray(parsed) ? parsed : [parsed];
        items.push(...received);
        accepted = received.length;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ itemsReceived: accepted, itemsAccepted: accepted, errors: [] }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `https://127.0.0.1:${port}/`;
  return {
    connectionString: `InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint=${url};LiveEndpoint=${url}`,
    items,
    customEvents: () =>
      items
        .filter((item) => item.data.baseType === 'EventData')
        .map((item) => ({ name: item.data.baseData.name ?? '', properties: item.data.baseData.properties ?? {} })),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

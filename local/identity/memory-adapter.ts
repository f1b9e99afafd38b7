/**
 * An in-memory storage adapter for oidc-provider: sessions, interactions, grants and codes live only as long as
 * the local provider runs, which is what a local stand-in wants. One store per provider instance, so the four
 * issuers never see each other's state.
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  expiresAt: number;
}

/** Models whose records belong to a grant and are revoked with it. */
const GRANT_MEMBERS = new Set([
  'AccessToken',
  'AuthorizationCode',
  'RefreshToken',
  'DeviceCode',
  'BackchannelAuthenticationRequest',
]);

const SWEEP_EVERY_WRITES = 500;

class MemoryStore {
  readonly #entries = new Map<string, Entry>();
  readonly #grantMembers = new Map<string, Set<string>>();
  readonly #sessionsByUid = new Map<string, string>();
  readonly #byUserCode = new Map<string, string>();
  #writesSinceSweep = 0;

  get(key: string): AdapterPayload | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.expiresAt <= Date.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  set(key: string, payload: AdapterPayload, expiresIn: number | undefined): void {
    const expiresAt = expiresIn === undefined ? Number.POSITIVE_INFINITY : Date.now() + expiresIn * 1000;
    this.#entries.set(key, { payload, expiresAt });
    this.#writesSinceSweep += 1;
    if (this.#writesSinceSweep >= SWEEP_EVERY_WRITES) this.#sweep();
  }

  /** Drops expired records now and then, so a long-running local service does not keep every token forever. */
  #sweep(): void {
    this.#writesSinceSweep = 0;
    const now = Date.now();
    for (const [key, entry] of this.#entries) if (entry.expiresAt <= now) this.#entries.delete(key);
    for (const [grantId, members] of this.#grantMembers) {
      for (const key of members) if (!this.#entries.has(key)) members.delete(key);
      if (members.size === 0) this.#grantMembers.delete(grantId);
    }
    for (const [uid, id] of this.#sessionsByUid)
      if (!this.#entries.has(`Session:${id}`)) this.#sessionsByUid.delete(uid);
    for (const [code, id] of this.#byUserCode)
      if (!this.#entries.has(`DeviceCode:${id}`)) this.#byUserCode.delete(code);
  }

  delete(key: string): void {
    this.#entries.delete(key);
  }

  addToGrant(grantId: string, key: string): void {
    const members = this.#grantMembers.get(grantId) ?? new Set<string>();
    members.add(key);
    this.#grantMembers.set(grantId, members);
  }

  revokeGrant(grantId: string): void {
    for (const key of this.#grantMembers.get(grantId) ?? []) this.#entries.delete(key);
    this.#grantMembers.delete(grantId);
  }

  indexSession(uid: string, id: string): void {
    this.#sessionsByUid.set(uid, id);
  }

  sessionIdFor(uid: string): string | undefined {
    return this.#sessionsByUid.get(uid);
  }

  indexUserCode(userCode: string, id: string): void {
    this.#byUserCode.set(userCode, id);
  }

  idForUserCode(userCode: string): string | undefined {
    return this.#byUserCode.get(userCode);
  }
}

class MemoryAdapter implements Adapter {
  readonly #model: string;
  readonly #store: MemoryStore;

  constructor(model: string, store: MemoryStore) {
    this.#model = model;
    this.#store = store;
  }

  #key(id: string): string {
    return `${this.#model}:${id}`;
  }

  upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const key = this.#key(id);
    this.#store.set(key, payload, expiresIn);
    if (this.#model === 'Session' && typeof payload.uid === 'string') this.#store.indexSession(payload.uid, id);
    if (GRANT_MEMBERS.has(this.#model) && typeof payload.grantId === 'string') {
      this.#store.addToGrant(payload.grantId, key);
    }
    if (typeof payload.userCode === 'string') this.#store.indexUserCode(payload.userCode, id);
    return Promise.resolve();
  }

  find(id: string): Promise<AdapterPayload | undefined> {
    return Promise.resolve(this.#store.get(this.#key(id)));
  }

  findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const id = this.#store.sessionIdFor(uid);
    return id === undefined ? Promise.resolve(undefined) : this.find(id);
  }

  findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const id = this.#store.idForUserCode(userCode);
    return id === undefined ? Promise.resolve(undefined) : this.find(id);
  }

  consume(id: string): Promise<void> {
    const payload = this.#store.get(this.#key(id));
    if (payload !== undefined) payload.consumed = Math.floor(Date.now() / 1000);
    return Promise.resolve();
  }

  destroy(id: string): Promise<void> {
    this.#store.delete(this.#key(id));
    return Promise.resolve();
  }

  revokeByGrantId(grantId: string): Promise<void> {
    this.#store.revokeGrant(grantId);
    return Promise.resolve();
  }
}

/** A fresh store and the adapter factory oidc-provider calls once per model. */
export function createMemoryAdapterFactory(): (model: string) => Adapter {
  const store = new MemoryStore();
  return (model) => new MemoryAdapter(model, store);
}

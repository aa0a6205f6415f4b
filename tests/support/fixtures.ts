// Test fixtures: a real SQLite file with the real migrations, real accounts, a real server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { openDatabase, type Db } from '../../db/client.ts';
import { buildApp, type NodeHandler } from '../../src/http/app.ts';
import { createAccountWithToken } from '../../src/services/accounts.ts';
import type { Actor } from '../../src/services/actor.ts';
import { createSite, createUnit } from '../../src/services/sites.ts';
import type { Programme, Role, SiteKind } from '../../src/domain/programmes.ts';

export interface TestDb {
  db: Db;
  path: string;
  dir: string;
  cleanup: () => void;
}

/** A new SQLite file in a temporary folder, migrated with the committed migrations. */
export function makeTestDb(options: { synchronous?: 'FULL' | 'NORMAL' } = {}): TestDb {
  const dir = mkdtempSync(join(tmpdir(), 'hebergement-test-'));
  const path = join(dir, 'test.sqlite');
  const db = openDatabase(path, { synchronous: options.synchronous ?? 'NORMAL', migrationsFolder: join(process.cwd(), 'db/migrations') });
  return {
    db,
    path,
    dir,
    cleanup: () => {
      try {
        db.$client.close();
      } catch {
        /* already closed */
      }
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

export interface RoleToken {
  token: string;
  actor: Actor;
}

/** One account with a token for each role (the partner in organisation "Gendarmerie de Lunel"). */
export function makeAccounts(db: Db): Record<Role, RoleToken> {
  const make = (role: Role, organisation?: string): RoleToken => {
    const t = createAccountWithToken(db, { name: `test ${role}`, role, organisation });
    return { token: t.token, actor: { accountId: t.accountId, role, organisationId: t.organisationId, ip: '127.0.0.1' } };
  };
  return {
    admin: make('admin'),
    duty_officer: make('duty_officer'),
    housing_officer: make('housing_officer'),
    residence_officer: make('residence_officer'),
    partner: make('partner', 'Gendarmerie de Lunel')
  };
}

export interface UnitSpec {
  name?: string;
  capacity?: number;
  programmes?: Programme[];
  accessible?: boolean;
  siteKind?: SiteKind;
  confidential?: boolean;
  commune?: string;
  address?: string;
  nightlyCost?: number;
}

/** Creates a site and one unit on it, as an admin; returns the unit's id. */
export function makeUnit(db: Db, admin: Actor, spec: UnitSpec = {}): string {
  const site = createSite(db, admin, {
    name: `Site ${spec.name ?? 'test'}`,
    commune: spec.commune ?? 'Lunel',
    confidential: spec.confidential ?? false,
    address: spec.address ?? '1 place de la Mairie',
    kind: spec.siteKind ?? 'apartment'
  });
  return createUnit(db, admin, {
    siteId: site.id,
    name: spec.name ?? 'Unit',
    capacity: spec.capacity ?? 4,
    programmes: spec.programmes ?? ['emergency', 'dv_protocol'],
    accessible: spec.accessible ?? false,
    nightlyCost: spec.nightlyCost
  }).id;
}

export interface TestServer {
  app: FastifyInstance;
  url: string;
  close: () => Promise<void>;
}

/** The real Fastify server listening on a random port of 127.0.0.1 (API only unless `web` is given). */
export async function startServer(db: Db, web: NodeHandler | null = null): Promise<TestServer> {
  const app = await buildApp({ db, web });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, close: () => app.close() };
}

/** Bearer headers for a token. */
export function bearer(token: string, extra: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...extra };
}

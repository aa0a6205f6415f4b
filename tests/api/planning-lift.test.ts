// Lifting a block from the planning's form action, over real HTTP on the demo database: a block a
// person wrote is lifted; the blocks the housing mission writes to close its unit outside an offer's
// period are refused (409) from the planning as from the administration, and nothing changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/dates.ts';
import { createBlock } from '../../src/services/blocks.ts';
import { tonight } from '../../src/services/clock.ts';
import type { Actor } from '../../src/services/actor.ts';
import { startWebApp, type WebApp } from '../e2e/_web.ts';
import { postForm, readBeyondLatin1, sessionCookie } from '../support/web-sessions.ts';

let web: WebApp;

beforeAll(async () => {
  web = await startWebApp();
});
afterAll(async () => {
  await web?.close();
});

interface BlockState {
  id: string;
  unit_id: string;
  start_date: string;
  end_date: string;
  reason: string;
}

/** The demo's blocks that close the mission's period unit outside its offer's period (one before, one after). */
function outsideOfferBlocks(): BlockState[] {
  const rows = web.db.$client
    .prepare(
      `SELECT b.id, b.unit_id, b.start_date, b.end_date, b.reason FROM blocks b JOIN units u ON u.id = b.unit_id JOIN sites s ON s.id = u.site_id
        WHERE s.kind = 'private' ORDER BY b.start_date`
    )
    .all() as BlockState[];
  expect(rows).toHaveLength(2);
  return rows;
}

function blockState(id: string): BlockState | undefined {
  return web.db.$client.prepare('SELECT id, unit_id, start_date, end_date, reason FROM blocks WHERE id = ?').get(id) as BlockState | undefined;
}

function liftAudits(id: string): number {
  return web.db.$client.prepare("SELECT count(*) FROM audit_entries WHERE action = 'block.lift' AND entity_id = ?").pluck().get(id) as number;
}

function adminActor(): Actor {
  const id = web.db.$client.prepare("SELECT id FROM accounts WHERE role = 'admin' AND email IS NOT NULL ORDER BY created_at LIMIT 1").pluck().get() as string;
  return { accountId: id, role: 'admin', organisationId: null };
}

describe('lifting a block from the planning', () => {
  it.each([
    ['duty_officer', 'the one before the offer’s period (it covers tonight)', 0],
    ['duty_officer', 'the one after the offer’s period', 1],
    ['admin', 'the one before the offer’s period (it covers tonight)', 0],
    ['admin', 'the one after the offer’s period', 1]
  ] as const)('a %s is refused the mission’s block outside the offer’s period, %s: 409 and nothing changes', async (role, _which, index) => {
    expect.hasAssertions();
    const block = outsideOfferBlocks()[index];
    const before = blockState(block.id);
    const res = await postForm(web.url, '/planning?/lift', { blockId: block.id }, sessionCookie(web.db, role));
    expect(res.status).toBe(409);
    expect(res.body).toContain('ne se lève pas depuis le planning');
    expect(blockState(block.id)).toEqual(before);
    expect(liftAudits(block.id)).toBe(0);
  });

  it('the administration’s lift action refuses it too: 409 and nothing changes', async () => {
    expect.hasAssertions();
    const [block] = outsideOfferBlocks();
    const before = blockState(block.id);
    const res = await postForm(web.url, '/admin/blocages?/lift', { blockId: block.id }, sessionCookie(web.db, 'admin'));
    expect(res.status).toBe(409);
    expect(blockState(block.id)).toEqual(before);
    expect(liftAudits(block.id)).toBe(0);
  });

  it('a block a person wrote is lifted by the same action: gone, audited, the planning says so', async () => {
    expect.hasAssertions();
    const unitId = web.db.$client.prepare("SELECT id FROM units WHERE name = 'Hôtel du Vidourle — chambre 1'").pluck().get() as string;
    const block = createBlock(web.db, adminActor(), { unitId, start: addDays(tonight(), 40), end: addDays(tonight(), 42), reason: 'Peinture (à lever)' });
    const res = await postForm(web.url, '/planning?/lift', { blockId: block.id }, sessionCookie(web.db, 'duty_officer'));
    expect(res.status).toBe(200);
    expect(readBeyondLatin1(res.body)).toContain('Blocage levé sur Hôtel du Vidourle — chambre 1');
    expect(blockState(block.id)).toBeUndefined();
    expect(liftAudits(block.id)).toBe(1);
  });

  it('a block a person wrote with the very words of the mission’s blocks is still lifted: theirs, not the system’s', async () => {
    expect.hasAssertions();
    const unitId = web.db.$client.prepare("SELECT id FROM units WHERE name = 'Hôtel du Vidourle — chambre 1'").pluck().get() as string;
    const block = createBlock(web.db, adminActor(), { unitId, start: addDays(tonight(), 44), end: addDays(tonight(), 46), reason: 'Hors de la période de l’offre' });
    const page = await fetch(`${web.url}/planning?debut=${addDays(tonight(), 40)}`, { headers: { cookie: sessionCookie(web.db, 'duty_officer') } });
    expect(await page.text()).toContain(`id="lever-${block.id}"`);
    const res = await postForm(web.url, '/planning?/lift', { blockId: block.id }, sessionCookie(web.db, 'duty_officer'));
    expect(res.status).toBe(200);
    expect(readBeyondLatin1(res.body)).toContain('Blocage levé sur Hôtel du Vidourle — chambre 1');
    expect(blockState(block.id)).toBeUndefined();
    expect(liftAudits(block.id)).toBe(1);
  });

  it('a housing officer may not lift a block from the planning: 403 and nothing changes', async () => {
    expect.hasAssertions();
    const unitId = web.db.$client.prepare("SELECT id FROM units WHERE name = 'Hôtel du Vidourle — chambre 1'").pluck().get() as string;
    const block = createBlock(web.db, adminActor(), { unitId, start: addDays(tonight(), 50), end: addDays(tonight(), 52), reason: 'Peinture' });
    const before = blockState(block.id);
    const res = await postForm(web.url, '/planning?/lift', { blockId: block.id }, sessionCookie(web.db, 'housing_officer'));
    expect(res.status).toBe(403);
    expect(blockState(block.id)).toEqual(before);
  });

  it.each([
    ['an unknown block', { blockId: 'no-such-block' }, 404],
    ['no block named', { blockId: '' }, 400]
  ] as const)('%s: a 4xx, never a 5xx', async (_what, form, status) => {
    expect.hasAssertions();
    const res = await postForm(web.url, '/planning?/lift', form, sessionCookie(web.db, 'duty_officer'));
    expect(res.status).toBe(status);
  });
});

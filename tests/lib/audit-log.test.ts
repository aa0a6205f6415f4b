// The journal's detail: named fields, never the stored JSON, never a name, contact or address.
import { describe, expect, it } from 'vitest';
import { auditDetailFields } from '../../src/lib/server/audit-log.ts';

describe('an audit entry’s detail as the journal shows it', () => {
  it.each([
    ['nothing stored', null, []],
    ['not JSON', '{oops', []],
    ['not an object', '[1,2]', []],
    ['codes and ids', '{"from":"hold","to":"confirmed","unitId":"u1"}', [{ key: 'from', value: 'hold' }, { key: 'to', value: 'confirmed' }, { key: 'unitId', value: 'u1' }]],
    ['a typed reason is shown', '{"reason":"Mise à l’abri urgente"}', [{ key: 'reason', value: 'Mise à l’abri urgente' }]],
    ['a reason erased by retention', '{"reason":true,"overrideReason":true}', [{ key: 'reason', value: { erased: true } }, { key: 'overrideReason', value: { erased: true } }]],
    ['a flag that is not a reason', '{"confidential":true}', [{ key: 'confidential', value: true }]],
    ['lists and nested objects', '{"ids":["a","b"],"budget":{"remainingCents":100}}', [{ key: 'ids', value: ['a', 'b'] }, { key: 'budget', value: { fields: [{ key: 'remainingCents', value: 100 }] } }]],
    [
      'names, contacts and addresses never, even nested',
      '{"label":"Mme Secret","name":"X","email":"a@b.fr","phone":"0601","contact":"Y","address":"1 rue Z","notes":"W","n":{"label":"Mme Secret","k":1}}',
      [{ key: 'n', value: { fields: [{ key: 'k', value: 1 }] } }]
    ]
  ])('%s', (_what, detail, fields) => {
    expect.hasAssertions();
    expect(auditDetailFields(detail)).toEqual(fields);
  });
});

// /registries/people: what Directus's item routes cannot express for people.
//   GET  /registries/people/lookup?id_number=…   exact look-up by ID number, for
//        roles that see only masked numbers (they cannot filter on the raw field)
//   POST /registries/people/:id/move  { unit, reason }   move a person to another
//        grid or community within the caller's jurisdiction; the move is recorded

import type { Router } from 'express';
import { caller, readAs, refuse, RegistryForbidden, RegistryNotFound, type RouteContext, type Services } from './context.ts';
import { checkIdNumber } from './id-number.ts';
import { ID_INDEX, openPerson, peopleByNumber } from './sealing.ts';
import { keyOf } from '../../kernel/keys.ts';

const NOT_FOUND = () => new RegistryNotFound({ reason: '未找到该人员，或不在您的辖区内' });

export function peopleRoutes(router: Router, ctx: RouteContext): void {
  const { services, db, vault, getSchema, route } = ctx;

  router.get(
    '/people/lookup',
    route(async (req) => {
      await caller(db, req.accountability);
      const check = checkIdNumber(req.query.id_number);
      if (!check.ok) throw refuse(check.problem);
      const row = (await peopleByNumber(db, vault, [check.facts.normalized], ['id'])).get(check.facts.normalized);
      const found = row && (await readAs(services as Services, await getSchema(), req.accountability, 'people', row.id, ['*']));
      if (!found) throw NOT_FOUND();
      const { [ID_INDEX]: _index, ...person } = openPerson(vault, found);
      return person;
    }),
  );

  router.post(
    '/people/:id/move',
    route(async (req) => {
      const who = await caller(db, req.accountability);
      if (who.readOnly) throw new RegistryForbidden({ reason: '领导账号只能查阅，不能办理迁移' });
      const id = keyOf(req.params.id);
      if (id === null) throw refuse('人员编号无效');
      const body = (req.body ?? {}) as { unit?: unknown; reason?: unknown };
      const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
      if (!reason) throw refuse('请填写迁移原因');
      if (reason.length > 500) throw refuse('迁移原因不能超过500字');
      const schema = await getSchema();
      const person = await readAs(services as Services, schema, req.accountability, 'people', id, ['id', 'unit', 'unit_path']);
      if (!person) throw NOT_FOUND();
      const target = keyOf(body.unit) ? await db('units').where({ id: body.unit }).first('id', 'path', 'kind', 'name') : undefined;
      if (!target) throw refuse('请选择迁入单位');
      if (target.kind !== 'office') throw refuse(`${target.name}不是综治办或网格，人员只能迁入社区或网格`);
      if (target.id === person.unit) throw refuse(`该人员已在${target.name}`);
      if (
        !person.unit_path.startsWith(who.unitPath) ||
        !target.path.startsWith(who.unitPath) ||
        (person.unit_path === who.unitPath && target.path === who.unitPath)
      ) {
        throw new RegistryForbidden({ reason: '只能在本辖区内迁移人员；跨辖区迁移请由共同的上级办理' });
      }
      await db.transaction(async (trx) => {
        const admin = (collection: string) => new (services as Services).ItemsService(collection, { schema, knex: trx });
        await admin('people').updateOne(id, { unit: target.id });
        await admin('person_moves').createOne({
          person: id,
          from_unit: person.unit,
          to_unit: target.id,
          from_path: person.unit_path,
          to_path: target.path,
          reason,
          moved_by: who.user,
          moved_at: new Date().toISOString(),
        });
      });
      return readAs(services as Services, schema, req.accountability, 'people', id, ['id', 'name', 'unit', 'unit_path']) ?? { id };
    }),
  );
}

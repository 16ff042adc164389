// Endpoint: the only way a user raises a matter or moves it on.
//   POST /matters/report               raise a matter (any type; client_ref makes a resend idempotent)
//   POST /matters/:id/transition       { action, version, opinion?, target_unit?, attachments? }
//   GET  /matters/:id/actions          what the caller may do now
//   GET  /matters/admin-fields         the fields an administrator added to matters: all, and those a report fills
//   GET  /matters/report-targets       the units a matter the caller raises may be handed to (offices below, departments)
// HTTP only: who is asking, may they see the matter; the rest is service.ts.

import type { EndpointConfig } from '@directus/extensions';
import type { Accountability, SchemaOverview } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import type { Knex } from 'knex';
import {
  type AdminField,
  type AdminFieldInfo,
  adminFields,
  isAdminField,
  type Reference,
  referencesOf,
} from '../../domains/matters/admin-fields.ts';
import { parseReport } from '../../domains/matters/report.ts';
import { loadActor } from '../../kernel/actor.ts';
import { MatterForbidden, matterService, refuse } from '../../domains/matters/service.ts';
import { parseTransition } from '../../domains/matters/transition-request.ts';

type Req = Request & { accountability?: Accountability; schema?: SchemaOverview };

const endpoint: EndpointConfig = {
  id: 'matters',
  handler: (router, context) => {
    const { services, database, getSchema } = context;
    const matters = matterService(context);

    /** The fields of matters as Directus describes them (GET /fields), read once per schema (a field changed in Studio makes a new one). */
    const described = new WeakMap<SchemaOverview, Promise<AdminFieldInfo[]>>();
    async function matterFields(requestSchema: SchemaOverview | undefined): Promise<AdminFieldInfo[]> {
      const schema = requestSchema ?? (await getSchema());
      let fields = described.get(schema);
      if (!fields) {
        fields = new services.FieldsService({ schema, knex: database as Knex }).readAll('matters') as Promise<AdminFieldInfo[]>;
        described.set(schema, fields);
        fields.catch(() => described.delete(schema));
      }
      return fields;
    }
    /** Those of them a report fills (admin-fields.ts), worked out once per schema: POST /matters/report is the busiest write. */
    const filled = new WeakMap<AdminFieldInfo[], AdminField[]>();
    async function reportFields(requestSchema: SchemaOverview | undefined): Promise<AdminField[]> {
      const schema = requestSchema ?? (await getSchema());
      const fields = await matterFields(schema);
      let admin = filled.get(fields);
      if (!admin) {
        // A reference's collection as the live schema relates it (a field made in Studio comes with its relation).
        const relatedOf = (field: string) =>
          schema.relations.find((r) => r.collection === 'matters' && r.field === field)?.related_collection ?? null;
        filled.set(fields, (admin = adminFields(fields, undefined, relatedOf)));
      }
      return admin;
    }
    /** The references the reporter may not read (or that name nothing), as Directus's permissions decide: refusals. */
    async function unreadable(references: Reference[], req: Req): Promise<string[]> {
      const schema = req.schema ?? (await getSchema());
      const problems: string[] = [];
      for (const r of references) {
        const refused = `“${r.label}”所选的记录不存在或无权查看`;
        const primary = schema.collections[r.collection]?.primary;
        if (!primary) {
          problems.push(refused);
          continue;
        }
        try {
          await new services.ItemsService(r.collection, { schema, accountability: req.accountability }).readOne(r.key, {
            fields: [primary],
          });
        } catch (error) {
          if ((error as { status?: number }).status !== 403) throw error;
          problems.push(refused);
        }
      }
      return problems;
    }
    const route = (handler: (req: Req) => Promise<unknown>) => (req: Req, res: Response, next: NextFunction) =>
      handler(req).then((data) => res.json({ data }), next);

    /** The matter's id, once Directus's own permissions confirm the caller may see it (else 403). */
    async function visible(req: Req): Promise<number> {
      const id = Number(req.params.id);
      if (!Number.isSafeInteger(id) || id < 1 || id > 2_147_483_647) throw refuse('事项编号无效');
      await new services.ItemsService('matters', { schema: req.schema ?? (await getSchema()), accountability: req.accountability }).readOne(
        id,
        { fields: ['id'] },
      );
      return id;
    }

    router.post(
      '/report',
      route(async (req) => {
        const user = req.accountability?.user;
        if (!user) throw new MatterForbidden({ reason: '请先登录' });
        const now = new Date();
        const admin = await reportFields(req.schema);
        const parsed = parseReport(req.body, now, admin, req.accountability ?? null);
        const problems = parsed.ok ? await unreadable(referencesOf(parsed.report.extra, admin), req) : parsed.problems;
        if (!parsed.ok || problems.length) {
          // A user without a unit hears that first, whatever they sent.
          await loadActor(database, req.accountability);
          throw refuse(problems.join('；'));
        }
        return matters.reportBy(user, parsed.report, now);
      }),
    );

    router.get(
      '/admin-fields',
      route(async (req) => {
        if (!req.accountability?.user) throw new MatterForbidden({ reason: '请先登录' });
        const fields = await matterFields(req.schema);
        return {
          fields: fields.filter((f) => isAdminField(f.field)).map((f) => f.field),
          report: (await reportFields(req.schema)).map((f) => f.field),
        };
      }),
    );

    router.get(
      '/report-targets',
      route(async (req) => matters.reportTargets(await loadActor(database, req.accountability))),
    );

    router.get(
      '/:id/actions',
      route(async (req) => {
        const id = await visible(req);
        return matters.actions(await loadActor(database, req.accountability), id);
      }),
    );

    router.post(
      '/:id/transition',
      route(async (req) => {
        const id = await visible(req);
        const parsed = parseTransition(req.body);
        if (!parsed.ok) throw refuse(parsed.problems.join('；'));
        await matters.move(await loadActor(database, req.accountability), id, parsed.request, req.schema);
        return matters.summary(id, req.schema);
      }),
    );
  },
};

export default endpoint;

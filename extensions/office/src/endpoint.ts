// Endpoint: office documents (公文, 通知 …) move only through here; activity figures.
//   POST /office/documents/:id/send     { targets: { levels?, under?, units?, superior? } }   发送 (the sending unit; superior: 报送上级)
//   POST /office/documents/:id/read                                               阅读 (a recipient unit)
//   POST /office/documents/:id/sign     { opinion? }                               签收
//   POST /office/documents/:id/reply    { text?, files? }                          报送
//   GET  /office/documents/:id/status   ?show=&limit=&offset=                    签收情况 (the sender)
//   GET  /office/documents/senders                                                发文单位名称 (units that sent to mine)
//   GET  /office/activity/monthly       ?month=YYYY-MM    工作活动月度统计 (own unit and below)
//   GET  /office/activity/trainings     ?year=YYYY        培训检查 (own unit and below)
//   POST /office/terminals/:id/handover { to_user, reason }  发起终端交接 (the terminal's unit)
//   POST /office/handovers/:id/confirm                       确认交接 (either holder)
//   POST /office/terminals/:id/loss     { lost_at, circumstances, measures? }  丢失报告
//   GET  /office/terminals/confidentiality                  保密协议检查
//   GET  /office/logins                 ?month=YYYY-MM       登录情况
//   POST /office/disputes/:id/supervise { opinion }          督办 (a superior office)
//   GET  /office/disputes/rates         ?from=&to=           化解率 (own unit and below)
//   GET  /office/daily                  ?day=YYYY-MM-DD      我的每日必办 (today's made on first asking)
//   POST /office/daily/:id/done         { note? }            办理 (own item, same day)
//   GET  /office/daily/missed           ?day=YYYY-MM-DD      未办清单 (own unit and below)
//   POST /office/patrols/:id/report     { title, category, … } 巡逻发现转事件上报
//   POST /office/projects/:id/assign    { targets }          专项工作布置报送 (the owning unit)
//   POST /office/projects/:id/submit    { text?, files? }    专项工作报送 (an asked unit)
//   GET  /office/projects/:id/status    ?show=&limit=&offset= 报送情况 (the owner and above)
// HTTP only: who is asking, may they see the document; the rest is documents.ts.

import type { EndpointConfig } from '@directus/extensions';
import type { Accountability } from '@directus/types';
import type { NextFunction, Request, Response } from 'express';
import { loadActor } from '../../kernel/actor.ts';
import { activityService } from './activity.ts';
import { documentService, refuse } from './documents.ts';
import { dailyService } from './daily.ts';
import { fieldWorkService } from './field-work.ts';
import { patrolService } from './patrols.ts';
import { projectService } from './projects.ts';
import { terminalService } from './terminals.ts';
import { keyOf } from '../../kernel/keys.ts';

type Req = Request & { accountability?: Accountability };

const endpoint: EndpointConfig = {
  id: 'office',
  handler: (router, context) => {
    const { services, database, getSchema } = context;
    const documents = documentService(context);
    const activity = activityService(database);
    // A loss report goes through Directus (as the system), so that Directus announces
    // terminal_losses.items.create once it is stored and flows hear it (终端丢失告知区系统管理员).
    const terminals = terminalService(database, async (row) =>
      new services.ItemsService('terminal_losses', { knex: database, schema: await getSchema() }).createOne(row),
    );
    const fieldWork = fieldWorkService(database);
    const daily = dailyService(database);
    const patrols = patrolService(context);
    const projects = projectService(context);
    const route = (handler: (req: Req) => Promise<unknown>) => (req: Req, res: Response, next: NextFunction) =>
      handler(req).then((data) => res.json({ data }), next);

    /** The document's id, once Directus's own permissions confirm the caller may see it (else 403). */
    async function visible(req: Req): Promise<number> {
      const id = keyOf(req.params.id);
      if (id === null) throw refuse('公文编号无效');
      await new services.ItemsService('documents', { schema: await getSchema(), accountability: req.accountability }).readOne(id, {
        fields: ['id'],
      });
      return id;
    }
    const actor = (req: Req) => loadActor(database, req.accountability);
    /** The item named in the path; a key of another kind matches none (NaN, which no service finds). */
    const idOf = (req: Req) => keyOf(req.params.id) ?? Number.NaN;

    router.get(
      '/documents/senders',
      route(async (req) => documents.senders(await actor(req))),
    );
    router.post(
      '/documents/:id/send',
      route(async (req) => documents.send(await actor(req), await visible(req), req.body, new Date())),
    );
    router.post(
      '/documents/:id/read',
      route(async (req) => documents.read(await actor(req), await visible(req), new Date())),
    );
    router.post(
      '/documents/:id/sign',
      route(async (req) => documents.sign(await actor(req), await visible(req), req.body, new Date())),
    );
    router.post(
      '/documents/:id/reply',
      route(async (req) => documents.reply(await actor(req), await visible(req), req.body, new Date())),
    );
    // The sender's page checks the sending unit itself (a stricter rule than seeing the document).
    router.get(
      '/documents/:id/status',
      route(async (req) => documents.status(await actor(req), idOf(req), req.query, new Date())),
    );

    router.get(
      '/activity/monthly',
      route(async (req) => activity.monthly(await actor(req), req.query)),
    );
    router.get(
      '/activity/trainings',
      route(async (req) => activity.trainings(await actor(req), req.query)),
    );

    router.post(
      '/terminals/:id/handover',
      route(async (req) => terminals.startHandover(await actor(req), idOf(req), req.body, new Date())),
    );
    router.post(
      '/handovers/:id/confirm',
      route(async (req) => terminals.confirmHandover(await actor(req), idOf(req), new Date())),
    );
    router.post(
      '/terminals/:id/loss',
      route(async (req) => terminals.reportLoss(await actor(req), idOf(req), req.body, new Date())),
    );
    router.get(
      '/terminals/confidentiality',
      route(async (req) => terminals.confidentialityCheck(await actor(req))),
    );
    router.get(
      '/logins',
      route(async (req) => terminals.logins(await actor(req), req.query, new Date())),
    );

    router.post(
      '/disputes/:id/supervise',
      route(async (req) => fieldWork.supervise(await actor(req), idOf(req), req.body, new Date())),
    );
    router.get(
      '/disputes/rates',
      route(async (req) => fieldWork.rates(await actor(req), req.query, new Date())),
    );

    router.get(
      '/daily',
      route(async (req) => daily.checklist(await actor(req), req.query, new Date())),
    );
    router.get(
      '/daily/missed',
      route(async (req) => daily.missed(await actor(req), req.query, new Date())),
    );
    router.post(
      '/daily/:id/done',
      route(async (req) => daily.tick(await actor(req), idOf(req), req.body, new Date())),
    );

    router.post(
      '/patrols/:id/report',
      route(async (req) => patrols.reportFinding(await actor(req), idOf(req), req.body, new Date())),
    );

    router.post(
      '/projects/:id/assign',
      route(async (req) => projects.assign(await actor(req), idOf(req), req.body, new Date())),
    );
    router.post(
      '/projects/:id/submit',
      route(async (req) => projects.submit(await actor(req), idOf(req), req.body, new Date())),
    );
    router.get(
      '/projects/:id/status',
      route(async (req) => projects.status(await actor(req), idOf(req), req.query, new Date())),
    );
  },
};

export default endpoint;

// Matters in every state across the demo district (事项): in each community the
// grid worker reports events and the community, the street and the police branch
// move them on through the real endpoint, as the demo accounts, so every step,
// deadline and notification is the system's own. Then the clocks are set back
// (as the administrator, the matter and its steps by the same amount) so that
// the four deadline lights all show on the day of seeding: green, yellow
// (临期), red (到期 today) and overdue (超期). Once: skipped when a demo matter exists.

import { readItems, updateItem, updateItemsBatch } from '@directus/sdk';
import { HAND_ONS, yellowAt } from '../extensions/domains/matters/lights.ts';
import { WAITING, type Action, type Status } from '../extensions/domains/matters/transitions.ts';
import type { MatterType, Urgency } from '../extensions/domains/matters/vocabulary.ts';
import { localDayStart, makeCalendar, type Calendar, type DurationUnit } from '../extensions/kernel/working-days.ts';
import { lightOf, type Light } from '../frontend/src/matters/lights.ts';
import { login, type AdminClient } from '../scripts/lib/directus.ts';
import { CALENDAR_2026 } from './calendar-2026.ts';
import { flattenUnits, PUKOU } from './pukou.ts';
import { ALL_DEMO_USERS, DEMO_PASSWORD } from './demo-users.ts';
import { ROLES } from '../schema/access.ts';

/** Who acts in a story, relative to the community it happens in. */
type Actor = 'grid' | 'community' | 'street' | 'police';
interface Step {
  by: Actor;
  action: Action;
  /** The unit handed to, for dispatch, escalate and transfer. */
  to?: Actor;
}
interface Story {
  title: string;
  category: string;
  urgency: Urgency;
  type?: MatterType;
  /** Who raises it (the grid worker unless said). */
  by?: Actor;
  /** For a task: the unit it is sent to. */
  target?: Actor;
  steps: Step[];
}

const accept = (by: Actor): Step => ({ by, action: 'accept' });
const escalated: Step[] = [accept('community'), { by: 'community', action: 'escalate', to: 'street' }];
const atPolice: Step[] = [...escalated, accept('street'), { by: 'street', action: 'transfer', to: 'police' }];

/** The stories, in the order the states come: every state of a matter is among them. */
export const STORIES: Story[] = [
  { title: '小区门口电动车违规充电', category: 'AQYH', urgency: 'normal', steps: [] },
  { title: '邻里因噪音发生争吵', category: 'MDJF', urgency: 'normal', steps: [accept('community')] },
  { title: '出租屋群租存在消防隐患', category: 'AQYH', urgency: 'urgent', steps: escalated },
  { title: '农贸市场摊位费纠纷', category: 'MDJF', urgency: 'normal', steps: [...escalated, accept('street')] },
  { title: '夜间有人在工地附近聚集滋事', category: 'ZAYH', urgency: 'normal', steps: atPolice },
  {
    title: '独居老人家中燃气泄漏报警',
    category: 'GGAQ',
    urgency: 'normal',
    steps: [...atPolice, { by: 'police', action: 'sign_for' }, { by: 'police', action: 'reply' }],
  },
  {
    title: '楼道堆放杂物堵塞消防通道',
    category: 'AQYH',
    urgency: 'normal',
    steps: [accept('community'), { by: 'community', action: 'reply' }],
  },
  { title: '反映物业收费不透明', category: 'XFWT', urgency: 'normal', steps: [{ by: 'community', action: 'return' }] },
  {
    title: '路灯损坏影响居民夜间出行',
    category: 'MSFW',
    urgency: 'normal',
    steps: [accept('community'), { by: 'community', action: 'reply' }, { by: 'grid', action: 'close' }],
  },
  { title: '开展出租房屋安全隐患排查', category: 'AQYH', urgency: 'normal', type: 'task', by: 'street', target: 'community', steps: [] },
  {
    title: '重点人员近期动态摸排',
    category: 'QT',
    urgency: 'normal',
    type: 'task',
    by: 'street',
    target: 'community',
    steps: [{ by: 'community', action: 'sign_for' }],
  },
];

/** The lights the open matters are set to, in turn. */
const LIGHTS: Light[] = ['green', 'yellow', 'red', 'overdue'];
const OPINIONS: Partial<Record<Action, string>> = {
  reply: '已到现场核实处理，情况已消除，请审核',
  return: '经核实不属于本单位受理范围，请补充材料后重新提交',
};

export interface DemoCommunity {
  /** The community's unit id and path, its street's id, the police branch's id. */
  community: number;
  path: string;
  street: number;
  police: number;
  /** The demo accounts acting for each unit of the story. */
  accounts: Record<Actor, string>;
}

/** The stories a community plays: a rotating share of them, so every state appears in several places. */
export function storiesFor(index: number, perCommunity = 5): Story[] {
  return Array.from({ length: perCommunity }, (_, k) => STORIES[(index * 3 + k * 2) % STORIES.length]!);
}

type Answer = { id: number; version: number; status: Status };
interface Api {
  post(path: string, body: unknown): Promise<Answer>;
}

/** A demo account's POSTs, signed in once (scripts/lib/directus.ts), a refusal naming who and where. */
function actingAs(url: string, email: string): Api {
  const client = login(url, email, DEMO_PASSWORD);
  return {
    async post(path, body) {
      try {
        return (await (await client).request(() => ({ path, method: 'POST', body: JSON.stringify(body) }))) as Answer;
      } catch (error) {
        const message = (error as { errors?: { message: string }[] }).errors?.[0]?.message ?? String(error);
        throw new Error(`seed: ${email} ${path}: ${message}`);
      }
    },
  };
}

/** Plays the stories of each community through the endpoint; returns the ids of the matters raised. */
async function playStories(url: string, communities: DemoCommunity[], categories: Map<string, number>): Promise<number[]> {
  const apis = new Map<string, Api>();
  const as = (email: string) => {
    if (!apis.has(email)) apis.set(email, actingAs(url, email));
    return apis.get(email)!;
  };
  const raised: number[] = [];
  // Communities in parallel (different accounts), a community's stories in turn.
  await Promise.all(
    communities.map(async (c, index) => {
      const unit: Record<Actor, number> = { grid: 0, community: c.community, street: c.street, police: c.police };
      for (const [k, story] of storiesFor(index).entries()) {
        const by = story.by ?? 'grid';
        let matter = await as(c.accounts[by]).post('/matters/report', {
          type: story.type ?? 'event_report',
          title: story.title,
          category: categories.get(story.category),
          urgency: story.urgency,
          source: by === 'grid' ? 'grid_worker' : 'superior',
          description: `${story.title}，请及时处理。`,
          ...(story.target ? { target_unit: unit[story.target] } : {}),
          client_ref: `demo-${c.path.replaceAll('/', '')}-${k}`,
        });
        raised.push(matter.id);
        for (const step of story.steps) {
          matter = await as(c.accounts[step.by]).post(`/matters/${matter.id}/transition`, {
            action: step.action,
            version: matter.version,
            ...(step.to ? { target_unit: unit[step.to] } : {}),
            ...(OPINIONS[step.action] ? { opinion: OPINIONS[step.action] } : {}),
          });
        }
      }
    }),
  );
  return raised;
}

interface StoredMatter {
  id: number;
  type: MatterType;
  urgency: Urgency;
  status: Status;
  date_created: string;
  sign_due_at: string | null;
  due_at: string | null;
  paused_at: string | null;
  steps: { id: number; action: string; date_created: string }[];
}

const shift = (iso: string | null, ms: number) => (iso === null ? null : new Date(Date.parse(iso) - ms).toISOString());

/**
 * How far back to set a matter's clocks for it to show `light` at `now`, with the
 * yellow instant the server would compute for it then; null when no shift does.
 */
export function shiftFor(
  m: StoredMatter,
  light: Light,
  units: { sign: DurationUnit; complete: DurationUnit },
  calendar: Calendar,
  now: Date,
): { by: number; yellow_at: string | null } | null {
  const HOUR = 3_600_000;
  const running = (WAITING as readonly string[]).includes(m.status) ? (m.sign_due_at ?? m.due_at) : m.due_at;
  if (!running) return null;
  const handOns = m.steps.filter((s) => (HAND_ONS as readonly string[]).includes(s.action));
  const received = handOns.length ? handOns[handOns.length - 1]!.date_created : m.date_created;
  const at = (by: number) => {
    const yellow = yellowAt(
      {
        status: m.status,
        created: new Date(Date.parse(m.date_created) - by),
        received: new Date(Date.parse(received) - by),
        sign_due_at: m.sign_due_at ? new Date(Date.parse(m.sign_due_at) - by) : null,
        due_at: m.due_at ? new Date(Date.parse(m.due_at) - by) : null,
        sign_unit: units.sign,
        complete_unit: units.complete,
        paused: m.paused_at !== null,
      },
      calendar,
    );
    const yellow_at = yellow?.toISOString() ?? null;
    const shown = lightOf({ ...m, sign_due_at: shift(m.sign_due_at, by), due_at: shift(m.due_at, by), yellow_at }, now);
    return { by, yellow_at, shown };
  };
  const due = Date.parse(running);
  const candidates =
    light === 'red'
      ? [due - Math.max(localDayStart(now).getTime() + 60_000, now.getTime() - 2 * HOUR)]
      : light === 'overdue'
        ? [due - (localDayStart(now).getTime() - 2 * 86_400_000)]
        : light === 'green'
          ? [0]
          : // Yellow: the latest instant of the allowed time still before the deadline, hour by hour back.
            Array.from({ length: Math.max(0, Math.floor((due - now.getTime()) / HOUR)) }, (_, h) => due - now.getTime() - (h + 1) * HOUR);
  for (const by of candidates) {
    if (by < 0) continue;
    const result = at(by);
    if (result.shown === light) return { by: result.by, yellow_at: result.yellow_at };
  }
  return null;
}

/** Sets the open demo matters' clocks back so that the four lights take turns. */
async function setLights(client: AdminClient, ids: number[], now: Date): Promise<void> {
  const policies = (await client.request(
    readItems('deadline_policies', { fields: ['matter_type', 'urgency', 'sign_unit', 'complete_unit'], limit: -1 }),
  )) as { matter_type: string; urgency: string; sign_unit: DurationUnit; complete_unit: DurationUnit }[];
  const calendar = makeCalendar(CALENDAR_2026);
  const matters = (await client.request(
    readItems('matters', {
      fields: [
        'id',
        'type',
        'urgency',
        'status',
        'date_created',
        'sign_due_at',
        'due_at',
        'paused_at',
        'steps.id',
        'steps.action',
        'steps.date_created',
      ],
      filter: { id: { _in: ids }, status: { _neq: 'closed' } },
      sort: ['id'],
      limit: -1,
    }),
  )) as StoredMatter[];
  for (const [i, m] of matters.entries()) {
    const policy = policies.find((p) => p.matter_type === m.type && p.urgency === m.urgency);
    if (!policy) continue;
    const found = shiftFor(m, LIGHTS[i % LIGHTS.length]!, { sign: policy.sign_unit, complete: policy.complete_unit }, calendar, now);
    if (!found || found.by === 0) continue;
    await client.request(
      updateItem('matters', m.id, {
        date_created: shift(m.date_created, found.by),
        sign_due_at: shift(m.sign_due_at, found.by),
        due_at: shift(m.due_at, found.by),
        yellow_at: found.yellow_at,
      }),
    );
    await client.request(
      updateItemsBatch(
        'matter_steps',
        m.steps.map((s) => ({ id: s.id, date_created: shift(s.date_created, found.by) })),
      ),
    );
  }
}

export async function seedDemoMatters(client: AdminClient, ids: Map<string, number>, now = new Date()): Promise<number> {
  const done = (await client.request(
    readItems('matters', { fields: ['id'], filter: { client_ref: { _starts_with: 'demo-' } }, limit: 1 }),
  )) as unknown[];
  if (done.length) return 0;
  const categories = new Map(
    ((await client.request(readItems('matter_categories', { fields: ['id', 'code'], limit: -1 }))) as { id: number; code: string }[]).map(
      (c) => [c.code, c.id],
    ),
  );
  const raised = await playStories(client.url.toString(), demoCommunities(ids), categories);
  await setLights(client, raised, now);
  return raised.length;
}

/** The demo account of `roleKey` working at `unitPath`. */
function accountAt(roleKey: string, unitPath: string): string {
  const role = ROLES.find((r) => r.key === roleKey)!;
  const user = ALL_DEMO_USERS.find((u) => u.roleId === role.id && u.unitPath === unitPath);
  if (!user) throw new Error(`seed: no demo ${roleKey} at ${unitPath}`);
  return user.email;
}

/** Every demo community with the units and accounts its stories need, from the unit ids by path. */
export function demoCommunities(ids: Map<string, number>): DemoCommunity[] {
  const police = '/320111/GAJ/';
  // The seed's own communities (others, made by administrators, have no demo staff).
  return flattenUnits(PUKOU)
    .filter((u) => u.level === 'community' && ids.has(u.path) && ids.has(`${u.path}G01/`))
    .map((u) => u.path)
    .map((path) => {
      const street = path.split('/').slice(0, 3).join('/') + '/';
      return {
        community: ids.get(path)!,
        path,
        street: ids.get(street)!,
        police: ids.get(police)!,
        accounts: {
          grid: accountAt('grid-grid_worker', `${path}G01/`),
          community: accountAt('community-staff', path),
          street: accountAt('street-staff', street),
          police: accountAt('department-liaison', police),
        },
      };
    });
}

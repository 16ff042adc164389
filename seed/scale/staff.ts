// The people who work the system at Pukou's scale: a grid worker (网格员) in every
// grid and a member of staff (专职人员) in every community and department that has
// none yet, their terminals (a phone each, a PC at the offices), and the days they
// logged in (登录情况, one row per user, working day and terminal kind, as the
// login hook writes them). E-mail addresses follow the demo accounts' pattern
// (grid-gridworker.c023g04@pukou.gov.cn); the password is the demo accounts'.

import type { TerminalKind } from '../../extensions/office/src/vocabulary.ts';
import { ROLES } from '../../schema/access.ts';
import { personName } from '../registries-generator.ts';
import { between, stream, uuidFrom } from './draw.ts';
import { HOUR, localMidnight, MINUTE } from './time.ts';
import type { ScaleUnit } from './tree.ts';

export interface ExistingUser {
  id: string;
  unit: number | null;
  role: string | null;
}

export interface StaffMember {
  id: string;
  first_name: string;
  last_name: string;
  email: string;
  role: string;
  job: string;
  unit: number;
  unit_path: string;
  phone: string;
}

export interface Terminal {
  unit: number;
  unit_path: string;
  kind: TerminalKind;
  asset_number: string;
  model: string;
  phone_number: string | null;
  holder: string;
  assigned_on: string;
  status: 'in_use';
}

export interface LoginDay {
  key: string;
  user: string;
  unit: number;
  unit_path: string;
  day: string;
  channel: TerminalKind;
  first_at: Date;
  last_at: Date;
  logins: number;
}

const roleOf = (key: string) => ROLES.find((r) => r.key === key)!;

/** The role each office without staff is given a member of: grids a grid worker, communities and departments staff. */
function roleFor(unit: ScaleUnit): string | null {
  if (unit.kind === 'office' && unit.level === 'grid') return 'grid-grid_worker';
  if (unit.kind === 'office' && unit.level === 'community') return 'community-staff';
  if (unit.kind === 'department') return 'department-liaison';
  return null;
}

/** The unit's part of an e-mail address: the community's code with the grid's (c023g04), else the unit's own. */
function mailCode(unit: ScaleUnit): string {
  const codes = unit.path.split('/').filter(Boolean);
  return (unit.level === 'grid' ? codes.slice(-2).join('') : unit.code).toLowerCase();
}

/** A member of staff for every grid, community and department that has no one of that role yet. */
export function staffFor(units: readonly ScaleUnit[], existing: readonly ExistingUser[], seed: number): StaffMember[] {
  const rnd = stream(seed, 'staff');
  const held = new Set(existing.map((u) => `${u.unit}:${u.role}`));
  const staff: StaffMember[] = [];
  for (const unit of units) {
    const key = roleFor(unit);
    if (!key) continue;
    const role = roleOf(key);
    if (held.has(`${unit.id}:${role.id}`)) continue;
    const name = personName(rnd);
    staff.push({
      id: uuidFrom(rnd),
      last_name: name.slice(0, 1),
      first_name: name.slice(1),
      email: `${key.replace('_', '')}.${mailCode(unit)}@pukou.gov.cn`,
      role: role.id,
      job: role.job,
      unit: unit.id,
      unit_path: unit.path,
      phone: `1${'3578'[Math.floor(rnd() * 4)]}${String(Math.floor(rnd() * 1e9)).padStart(9, '0')}`,
    });
  }
  return staff;
}

/** A phone for everyone, a PC for office staff and half the grid workers. */
export function terminalsOf(staff: readonly StaffMember[], assignedOn: string, seed: number): Terminal[] {
  const rnd = stream(seed, 'terminals');
  const terminals: Terminal[] = [];
  for (const [i, person] of staff.entries()) {
    const kinds: TerminalKind[] = person.job !== 'grid_worker' || rnd() < 0.5 ? ['phone', 'pc'] : ['phone'];
    for (const kind of kinds)
      terminals.push({
        unit: person.unit,
        unit_path: person.unit_path,
        kind,
        asset_number: `GS-${kind === 'pc' ? 'PC' : 'SJ'}-${String(i + 1).padStart(6, '0')}`,
        model: kind === 'pc' ? '联想启天 M437' : '华为畅享 60',
        phone_number: kind === 'phone' ? person.phone : null,
        holder: person.id,
        assigned_on: assignedOn,
        status: 'in_use',
      });
  }
  return terminals;
}

/** How often someone logs in on a working day, by job and terminal kind. */
export const LOGIN_RATES: Record<'grid_worker' | 'office', Record<TerminalKind, number>> = {
  grid_worker: { phone: 0.93, pc: 0.55 },
  office: { phone: 0.5, pc: 0.95 },
};

/**
 * The login days of one member of staff over the working days given, on the
 * terminals they hold. The key is the login hook's (user.day.channel).
 */
export function loginDaysOf(person: StaffMember, kinds: readonly TerminalKind[], days: readonly string[], seed: number): LoginDay[] {
  const rnd = stream(seed, 'logins', person.id);
  const rates = LOGIN_RATES[person.job === 'grid_worker' ? 'grid_worker' : 'office'];
  // Some people are more diligent than others.
  const diligence = between(rnd, 0.85, 1.08);
  const rows: LoginDay[] = [];
  for (const day of days) {
    for (const channel of kinds) {
      if (rnd() >= Math.min(0.995, rates[channel] * diligence)) continue;
      const midnight = localMidnight(Date.parse(`${day}T12:00:00+08:00`));
      const first = midnight + 7.5 * HOUR + Math.floor(rnd() * 3 * HOUR);
      const logins = 1 + Math.floor(rnd() * rnd() * 6);
      rows.push({
        key: `${person.id}.${day}.${channel}`,
        user: person.id,
        unit: person.unit,
        unit_path: person.unit_path,
        day,
        channel,
        first_at: new Date(first),
        last_at: new Date(logins === 1 ? first : first + Math.floor(between(rnd, 30, 540)) * MINUTE),
        logins,
      });
    }
  }
  return rows;
}

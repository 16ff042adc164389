import { describe, expect, it } from 'vitest';
import { isWithin } from '../../kernel/unit-path.ts';
import { participantPaths, pathsIn, rebased, visibleTo, withParticipants } from './participant-paths.ts';

const DISTRICT = '/320111/';
const S01 = '/320111/S01/';
const S010 = '/320111/S010/';
const C003 = '/320111/S01/C003/';
const G05 = '/320111/S01/C003/G05/';
const S02 = '/320111/S02/';
const DEPT = '/320111/D07/';

describe("a matter's participant paths", () => {
  it('are the paths between bars, each once, in the order they joined', () => {
    expect(participantPaths([G05, C003, G05])).toBe(`|${G05}|${C003}|`);
    expect(participantPaths([])).toBe('');
    expect(pathsIn(`|${G05}|${C003}|`)).toEqual([G05, C003]);
    expect(pathsIn(null)).toEqual([]);
  });

  it('take newcomers at the end and never twice', () => {
    expect(withParticipants(`|${G05}|${C003}|`, [C003, DEPT])).toBe(`|${G05}|${C003}|${DEPT}|`);
    expect(withParticipants(null, [S01])).toBe(`|${S01}|`);
  });

  it('show a matter to exactly the viewers the participant rows do (a participant at or below the viewer)', () => {
    const viewers = [DISTRICT, S01, S010, C003, G05, S02, DEPT, '/320111/S01/C004/', '/320111/S01/C003/G06/'];
    const matters = [[G05, C003], [C003, S01], [S02, DEPT], [S010], [G05, C003, S01, DEPT], [DISTRICT]];
    for (const participants of matters)
      for (const viewer of viewers)
        expect(visibleTo(participantPaths(participants), viewer), `${viewer} on ${participants.join(' ')}`).toBe(
          participants.some((p) => isWithin(p, viewer)),
        );
  });

  it('move with a unit: the unit and those below it rebased, the rest kept', () => {
    const text = participantPaths([G05, C003, S01, S010, DEPT]);
    const moved = rebased(text, C003, '/320111/S02/C003/');
    expect(pathsIn(moved)).toEqual(['/320111/S02/C003/G05/', '/320111/S02/C003/', S01, S010, DEPT]);
    expect(rebased(text, S01, '/320111/S09/')).toBe(
      participantPaths(['/320111/S09/C003/G05/', '/320111/S09/C003/', '/320111/S09/', S010, DEPT]),
    );
  });
});

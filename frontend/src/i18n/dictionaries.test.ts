import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { MATTER_TYPES, URGENCIES } from '../../../extensions/domains/matters/vocabulary.ts';
import { ACTION_LABELS, STATUS_LABELS } from '../../../extensions/domains/matters/transitions.ts';
import { JOB_LABELS, KIND_LABELS, LEVEL_LABELS } from '../../../extensions/kernel/unit-path.ts';
import {
  DISPUTE_SCALES,
  DISPUTE_STATUSES,
  DISPUTE_TYPES,
  DOCUMENT_KINDS,
  MEDIATION_METHODS,
  RECEIPT_STATUSES,
  REPLY_STATUSES,
  RISK_LEVELS,
} from '../../../extensions/office/src/vocabulary.ts';
import enUS from './en-US.ts';
import { loadLocale, lookup, word } from './index.ts';

const SOURCES = join(import.meta.dirname, '..');
const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return files(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
const code = files(SOURCES).map((f) => readFileSync(f, 'utf8'));

describe('the dictionaries', () => {
  beforeAll(() => loadLocale('en-US'));

  it('hold, in both languages, every key the screens ask for by name', () => {
    const keys = new Set(code.flatMap((text) => [...text.matchAll(/\b(?:t|say)\(\s*'([\w.]+)'/g)].map((m) => m[1]!)));
    expect(keys.size).toBeGreaterThan(200);
    const missing = [...keys].flatMap((key) =>
      (['zh-CN', 'en-US'] as const).filter((locale) => lookup(locale, key) === undefined).map((locale) => `${locale} ${key}`),
    );
    expect(missing).toEqual([]);
  });

  it('have an English word for every value of the vocabularies the code owns', () => {
    const tables: Record<string, Record<string, unknown>> = {
      level: LEVEL_LABELS,
      kind: KIND_LABELS,
      job: JOB_LABELS,
      documentKind: DOCUMENT_KINDS,
      urgency: URGENCIES,
      receipt: RECEIPT_STATUSES,
      reply: REPLY_STATUSES,
      disputeType: DISPUTE_TYPES,
      disputeScale: DISPUTE_SCALES,
      risk: RISK_LEVELS,
      mediationMethod: MEDIATION_METHODS,
      disputeStatus: DISPUTE_STATUSES,
      matterStatus: STATUS_LABELS,
      matterType: MATTER_TYPES,
      matterAction: ACTION_LABELS,
    };
    // Every vocabulary a screen names is listed above.
    const named = new Set(code.flatMap((text) => [...text.matchAll(/\bword\(\s*'(\w+)'/g)].map((m) => m[1]!)));
    expect([...named].filter((n) => !(n in tables))).toEqual([]);
    const missing = Object.entries(tables).flatMap(([name, table]) =>
      Object.keys(table)
        .filter((value) => typeof enUS.words[name]?.[value] !== 'string')
        .map((value) => `${name}.${value}`),
    );
    expect(missing).toEqual([]);
  });

  it('give the code’s Chinese in Chinese (no localStorage here: the default), and show an unknown value as it is', () => {
    expect(word('level', LEVEL_LABELS, 'street')).toBe('街道');
    expect(word('level', LEVEL_LABELS, 'planet')).toBe('planet');
    expect(word('level', LEVEL_LABELS, null)).toBe('—');
  });
});

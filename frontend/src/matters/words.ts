// Words of the matters domain as the server's metadata gives them: status, type,
// urgency choices of `matters`, action names from `matter_steps.action`. In
// English, a value the dictionary knows (words.matterStatus …) reads in English;
// the metadata's Chinese stays the source. Pure: the office
// (use-matter-schema.ts) and the phone (phone/data.ts) load the models.

import { word } from '../i18n/index.ts';
import type { FieldModel } from '../schema/model.ts';

/** The fields whose choices are the domain's vocabularies, with the dictionary's name of each. */
const VOCABULARIES: Record<string, string> = { status: 'matterStatus', type: 'matterType', urgency: 'urgency', action: 'matterAction' };

/** The models with their vocabularies' choices in the user's language. */
const spoken = (models: FieldModel[]) =>
  models.map((m) => {
    const vocabulary = VOCABULARIES[m.field];
    if (!vocabulary) return m;
    const table = Object.fromEntries(m.choices.map((c) => [String(c.value), c.text]));
    return { ...m, choices: m.choices.map((c) => ({ ...c, text: word(vocabulary, table, String(c.value)) })) };
  });

export function matterWords(matterModels: FieldModel[], stepModels: FieldModel[]) {
  const matters = spoken(matterModels);
  const steps = spoken(stepModels);
  const choices = (models: FieldModel[], field: string) =>
    Object.fromEntries((models.find((m) => m.field === field)?.choices ?? []).map((c) => [String(c.value), c.text]));
  return {
    models: matters,
    stepModels: steps,
    status: choices(matters, 'status'),
    type: choices(matters, 'type'),
    urgency: choices(matters, 'urgency'),
    action: choices(steps, 'action'),
  };
}

export type MatterWords = ReturnType<typeof matterWords>;

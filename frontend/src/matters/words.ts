// Words of the matters domain as the server's metadata gives them: status, type,
// urgency choices of `matters`, action names from `matter_steps.action`. Pure:
// the office (use-matter-schema.ts) and the phone (phone/data.ts) load the models.

import type { FieldModel } from '../schema/model.ts';

export function matterWords(matters: FieldModel[], steps: FieldModel[]) {
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

// Words of the matters domain as the server's metadata gives them: status, type,
// urgency choices of `matters`, action names from `matter_steps.action`.

import { useMemo } from 'react';
import { useCollectionSchema } from '../schema/use-schema.ts';

export function useMatterWords() {
  const matters = useCollectionSchema('matters');
  const steps = useCollectionSchema('matter_steps');
  return useMemo(() => {
    const choices = (models: typeof matters.models, field: string) => Object.fromEntries((models.find((m) => m.field === field)?.choices ?? []).map((c) => [String(c.value), c.text]));
    return {
      models: matters.models,
      stepModels: steps.models,
      status: choices(matters.models, 'status'),
      type: choices(matters.models, 'type'),
      urgency: choices(matters.models, 'urgency'),
      action: choices(steps.models, 'action'),
    };
  }, [matters.models, steps.models]);
}

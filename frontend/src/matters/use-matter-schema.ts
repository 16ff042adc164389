// The matters' words (./words.ts) from the metadata Refine loads.

import { useMemo } from 'react';
import { useCollectionSchema } from '../schema/use-schema.ts';
import { matterWords } from './words.ts';

export function useMatterWords() {
  const matters = useCollectionSchema('matters');
  const steps = useCollectionSchema('matter_steps');
  return useMemo(() => matterWords(matters.models, steps.models), [matters.models, steps.models]);
}

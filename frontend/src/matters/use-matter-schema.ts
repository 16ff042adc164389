// The matters' words (./words.ts) from the metadata Refine loads.

import { useGetLocale } from '@refinedev/core';
import { useMemo } from 'react';
import { useCollectionSchema } from '../schema/use-schema.ts';
import { matterWords } from './words.ts';

export function useMatterWords() {
  const matters = useCollectionSchema('matters');
  const steps = useCollectionSchema('matter_steps');
  // The locale: the words are read in it (a switch draws them anew).
  const locale = useGetLocale()();
  return useMemo(() => matterWords(matters.models, steps.models), [matters.models, steps.models, locale]);
}

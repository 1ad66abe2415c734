/**
 * The lists of API areas: resources' (operations/areas.generated.ts, modules.generated.ts) and the
 * simulator's (routes/index.generated.ts). Read from the source files alone, they are written
 * first (`pnpm generate` runs `generate:areas` before building anything), so that the build and
 * every other generated file see a new area in the same run.
 */
import { AREA_LISTS as resources } from '../../../packages/resources/scripts/areas.js';
import { GENERATED as simulator } from '../../../packages/simulator/scripts/generated.js';

/** The generated lists of areas. */
export const AREA_LISTS = [...resources, ...simulator];

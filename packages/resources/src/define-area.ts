/**
 * An API area: one file of the registry, `operations/<name>.ts`, which declares the area once
 * after its operations (`export const area = defineArea({...})`). `pnpm generate` lists the
 * area files (operations/areas.generated.ts, operations/modules.generated.ts): nothing else
 * names an area by hand.
 */
import type { AnyOperation } from './operations/index.js';

// Symbol.for: the same brand whether the registry is loaded from source or from dist.
const AREA = Symbol.for('cloutapi.area');

/** What an area declares about itself. */
export interface AreaSpec<Name extends string = string, Toolset extends string = string> {
  /** The area's name: its file's (`consumers` for operations/consumers.ts). */
  name: Name;
  /** Its tools' MCP toolset (`--toolsets`): its own name or a shared one (`catalog`); required. */
  toolset: Toolset;
}

/** A declared area, branded so the code walking an area module tells it from its operations. */
export type Area<Name extends string = string, Toolset extends string = string> = Readonly<
  AreaSpec<Name, Toolset>
> & { readonly [AREA]: true };

/** Declares the area of an operations file. */
export function defineArea<const Name extends string, const Toolset extends string>(
  spec: AreaSpec<Name, Toolset>,
): Area<Name, Toolset> {
  return Object.freeze({ name: spec.name, toolset: spec.toolset, [AREA]: true as const });
}

/** Whether an export of an area module is its area declaration (not an operation). */
export function isArea(value: unknown): value is Area {
  return typeof value === 'object' && value !== null && AREA in value;
}

/** The operations of an area module: its exports other than its area declaration. */
export function operationsOf(module: object): AnyOperation[] {
  return Object.values(module).filter((value) => !isArea(value));
}

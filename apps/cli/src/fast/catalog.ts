import { type Operation, operations } from '@cloutapi/resources';
import { z } from 'zod';
import { OPERATION_EXTRAS } from '../commands/operation-extras.js';
import { commandPathOf } from '../commands/operations.js';
import { deriveFlags } from '../flags/derive.js';
import { GLOBAL_FLAGS } from '../globals.js';

/** An integer flag of a quick read, with the bounds its schema sets. */
export interface QuickFlag {
  field: string;
  name: string;
  aliases: string[];
  required: boolean;
  /** Present for an integer field: its bounds. Absent: the quick path leaves the command alone. */
  integer?: {
    minimum?: number;
    maximum?: number;
    exclusiveMinimum?: number;
    exclusiveMaximum?: number;
  };
}

/** A read the quick path may run: what the full command would send, and how to show it. */
export interface QuickRead {
  /** `consumers list` */
  command: string;
  /** The operation's name, which picks the table columns. */
  kind: string;
  summary: string;
  method: 'GET';
  path: string;
  pathParams: string[];
  query: string[];
  idempotent: boolean;
  flags: QuickFlag[];
}

/**
 * The reads `cloutapi` can run without the registry, zod and commander (see quick.ts): GETs whose
 * query is a plain list of input fields, with no body, no fallback path, no unquoting and no
 * command-specific handling. Derived from the registry and the CLI's own flag derivation, so the
 * quick path knows exactly the flags and the request the full command has.
 */
export function quickCatalogOf(ops: readonly Operation[] = operations): QuickRead[] {
  return ops
    .filter(
      (op) =>
        op.safety === 'read' &&
        op.method === 'GET' &&
        (op.query === undefined || Array.isArray(op.query)) &&
        !op.body &&
        !op.alternate &&
        !op.unquote &&
        !OPERATION_EXTRAS[op.name],
    )
    .map((op) => {
      const input = op.input as Record<string, z.ZodType>;
      const flags = deriveFlags(input as Record<string, never>, GLOBAL_FLAGS).map((spec) => {
        const flag: QuickFlag = {
          field: spec.field,
          name: spec.name,
          aliases: spec.aliases,
          required: spec.required,
        };
        if (spec.kind === 'integer') flag.integer = boundsOf(input[spec.field] as z.ZodType);
        return flag;
      });
      return {
        command: commandPathOf(op).join(' '),
        kind: op.name,
        summary: op.summary,
        method: 'GET' as const,
        path: op.path,
        pathParams: [...op.pathParams],
        query: [...((op.query as readonly string[] | undefined) ?? [])],
        idempotent: op.idempotent,
        flags,
      };
    });
}

function boundsOf(schema: z.ZodType): NonNullable<QuickFlag['integer']> {
  const json = z.toJSONSchema(schema, { io: 'input' }) as Record<string, unknown>;
  const bounds: NonNullable<QuickFlag['integer']> = {};
  for (const key of ['minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum'] as const) {
    if (typeof json[key] === 'number') bounds[key] = json[key] as number;
  }
  return bounds;
}

import type { z } from 'zod';
import { collectionOf, NamedValue } from './common.js';
import { optionalText } from './leaves.js';

/** An action type of the portal, such as the one a schedule performs; listed by `/v1/actions`. */
export const Action = NamedValue.extend({ href: optionalText });
export type Action = z.infer<typeof Action>;

/** Every action the portal defines. */
export const ActionList = collectionOf(Action);
export type ActionList = z.infer<typeof ActionList>;

import type { CallOptions } from '../call.js';
import type { Cloutility } from '../cloutility.js';
import { homeUnitOf } from './lookup.js';

/** The signed-in user, their home business unit and the API version. */
export interface WhoAmI {
  user: {
    id: number | undefined;
    name: string | undefined;
    displayName: string | undefined;
    email: string | undefined;
    role: string | undefined;
  };
  homeUnit: { id: number; name: string | undefined };
  apiVersion: string;
}

/** Signs in (if needed) and says who you are, where your home unit is and which API answers. */
export async function whoami(clout: Cloutility, options?: CallOptions): Promise<WhoAmI> {
  const [me, apiVersion] = await Promise.all([
    clout.meta.me(undefined, options),
    clout.meta.version(undefined, options),
  ]);
  return {
    user: {
      id: me.id,
      name: me.name,
      displayName: me.displayName,
      email: me.email,
      role: me.role?.name,
    },
    homeUnit: homeUnitOf(me),
    apiVersion,
  };
}

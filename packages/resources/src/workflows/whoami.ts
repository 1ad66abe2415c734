import type { CallOptions } from '../call.js';
import type { Cloutility } from '../cloutility.js';

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
  const homeId = me.businessUnit?.id ?? me.businessUnitId;
  if (homeId === undefined)
    throw new Error(
      'the API did not say which business unit the user belongs to (/v1/me has no businessUnit)',
    );
  return {
    user: {
      id: me.id,
      name: me.name,
      displayName: me.displayName,
      email: me.email,
      role: me.role?.name,
    },
    homeUnit: { id: homeId, name: me.businessUnit?.name },
    apiVersion,
  };
}

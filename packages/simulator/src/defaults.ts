import type { ClientRegistration, UserRegistration } from './types.js';

/**
 * The credentials of the default demo client and user, printed by the bin. The password is no
 * substring of the other values, so leak tests can search output for it.
 */
export const demoCredentials = {
  clientId: 'cloutapi-demo',
  origin: 'http://localhost',
  username: 'demo@reseller.example',
  password: 'demo-password',
} as const;

/** The read-only user every default simulator has. */
export const readOnlyCredentials = {
  username: 'readonly@reseller.example',
  password: 'readonly-password',
} as const;

/** The client id registered without "allow token refreshing". */
export const NO_REFRESH_CLIENT_ID = 'cloutapi-norefresh';

/** The default API clients: the demo client (refresh allowed) and one without refresh. */
export function defaultClients(): ClientRegistration[] {
  return [
    {
      clientId: demoCredentials.clientId,
      origin: demoCredentials.origin,
      allowRefresh: true,
      name: 'cloutapi demo',
    },
    {
      clientId: NO_REFRESH_CLIENT_ID,
      origin: demoCredentials.origin,
      allowRefresh: false,
      name: 'cloutapi without refresh',
    },
  ];
}

/** The default users: the demo administrator and a read-only user, both in the root unit. */
export function defaultUsers(): UserRegistration[] {
  return [
    {
      username: demoCredentials.username,
      password: demoCredentials.password,
      displayName: 'Demo Reseller Admin',
      role: 'admin',
    },
    {
      username: readOnlyCredentials.username,
      password: readOnlyCredentials.password,
      displayName: 'Read-only Auditor',
      role: 'readonly',
    },
  ];
}

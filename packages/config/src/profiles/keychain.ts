import { ConfigurationError } from '@cloutapi/resources/errors';

/** The keychain service every profile's password is kept under; the account is the profile's name. */
export const KEYCHAIN_SERVICE = 'cloutapi';

/** The operating system's keychain, as profiles use it. */
export interface Keychain {
  get(profile: string): Promise<string | undefined>;
  set(profile: string, password: string): Promise<void>;
  /** True when there was a password to remove. */
  delete(profile: string): Promise<boolean>;
}

/** What to use instead when there is no keychain: said in every keychain error. */
const OTHER_SOURCES =
  'keep the password elsewhere: a command (password: {command: "pass show portal"}, or cloutapi profile add NAME --password-command CMD) or a variable (password: {env: VARIABLE})';

/**
 * The keychain through `@napi-rs/keyring` (macOS Keychain, Windows Credential Manager, the Secret
 * Service on Linux), loaded at its first use: only a profile kept there needs it.
 *
 * @throws ConfigurationError when no keychain can be reached, naming the other sources.
 */
export async function openKeychain(): Promise<Keychain> {
  let keyring: typeof import('@napi-rs/keyring');
  try {
    keyring = await import('@napi-rs/keyring');
  } catch (error) {
    throw unavailable(`the keychain library cannot load here (${firstLine(error)})`);
  }
  const entry = (profile: string) => new keyring.AsyncEntry(KEYCHAIN_SERVICE, profile);
  const attempt = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw unavailable(`the keychain cannot be reached (${firstLine(error)})`);
    }
  };
  return {
    get: (profile) => attempt(async () => (await entry(profile).getPassword()) ?? undefined),
    set: (profile, password) => attempt(() => entry(profile).setPassword(password)),
    delete: (profile) => attempt(() => entry(profile).deletePassword()),
  };
}

function unavailable(why: string): ConfigurationError {
  const linux =
    process.platform === 'linux'
      ? ' On Linux the keychain is a Secret Service (GNOME Keyring, KeePassXC) on the session bus.'
      : '';
  return new ConfigurationError('password', `no keychain: ${why}.${linux} Or ${OTHER_SOURCES}.`);
}

const firstLine = (error: unknown) =>
  String((error as Error)?.message ?? error)
    .split('\n', 1)[0]
    ?.slice(0, 200);

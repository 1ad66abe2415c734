import type { ProfileRouting } from './profiles.js';

/** Sent to the model at initialization: how the tools fit together. */
export function instructions(
  readOnly: boolean,
  allowSecrets: boolean,
  routing?: ProfileRouting | undefined,
): string {
  return [
    'Cloutility manages IBM Storage Protect backup for business units (customers) and their consumption units (machines, "consumers"), each with one backup node.',
    'Start with whoami or find_business_unit to get a bunitId; list_consumers gives consumerIds. describe_consumer and backup_health answer "how are the backups" in one call; enroll_machine enrolls a machine in one call and is safe to repeat.',
    ...(routing && routing.profiles.length > 1 ? [profilesLine(routing)] : []),
    readOnly
      ? 'This server is read-only: nothing can be changed.'
      : 'Deleting tools and change_node_password answer first with a preview of everything they would remove and a confirmationToken; show the user the preview and call again with confirm: true and that token only when the user agrees (a client that can ask the user is asked instead).',
    allowSecrets
      ? 'Node passwords are shown: hand them only to the person configuring the machine.'
      : 'Node passwords are redacted in this server.',
  ].join(' ');
}

/** What the model must know when one server reaches several portal accounts. */
function profilesLine(routing: ProfileRouting): string {
  const readOnly = routing.profiles.filter((p) => p.readOnly).map((p) => p.name);
  return `This server reaches several portal accounts (profiles: ${routing.profiles.map((p) => p.name).join(', ')}); every tool takes a profile argument, default "${routing.defaultName}". Ids belong to one profile: keep using the profile an id came from, and say which profile you used.${readOnly.length ? ` Read-only profiles (changes refused): ${readOnly.join(', ')}.` : ''}`;
}

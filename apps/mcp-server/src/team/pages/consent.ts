import { type ClientInfo, clientDetails, clientLabel, clientTitle } from './client.js';
import { escapeHtml } from './escape.js';
import { postForm } from './form.js';
import { layout } from './layout.js';

/** One toolset offered on the consent page (its text from `TOOLSET_TEXT`). */
export interface ConsentToolset {
  /** The toolset's name: the value posted in `toolset`. */
  name: string;
  title: string;
  description: string;
  /** Ticked when the page opens. */
  checked: boolean;
  /** Some of its tools make changes (and are left out in read-only). */
  writes: boolean;
}

/** What the consent page shows. */
export interface ConsentPageOptions {
  /** Where the form posts (this server's interaction URL). */
  action: string;
  /** The CSRF token, sent back in the hidden `csrf` field. */
  csrf: string;
  /** The application asking. A `logoUri` is accepted and never shown: the page loads nothing external. */
  client: ClientInfo & { logoUri?: string | undefined };
  /** The signed-in person. */
  person: { name: string; username: string };
  toolsets: readonly ConsentToolset[];
  /** Whether "read-only" is ticked when the page opens. */
  readOnly: boolean;
  /** The MCP server the access is for (the OAuth resource). */
  resourceUrl: string;
}

/**
 * The consent page: which toolsets the application may use, read-only or not, Allow or Deny.
 * Posts `csrf`, `toolset` (once per ticked toolset), `read_only=1` when ticked, and
 * `decision=allow|deny`.
 */
export function consentPage(options: ConsentPageOptions): string {
  const { client, person } = options;
  const who = person.name.trim() || person.username;
  const choices = options.toolsets.map(toolsetChoice).join('\n');
  const fields = `<fieldset>
<legend>What it may use</legend>
${choices}
</fieldset>
<fieldset>
<legend>Changes</legend>
<div class="choice">
<input type="checkbox" id="read_only" name="read_only" value="1" aria-describedby="read_only-text"${options.readOnly ? ' checked' : ''}>
<label for="read_only">Read-only</label>
<p class="muted" id="read_only-text">It can look, but not create, change or delete anything, whatever is ticked above.</p>
</div>
</fieldset>
<div class="actions">
<button type="submit" name="decision" value="allow" class="primary">Allow</button>
<button type="submit" name="decision" value="deny">Deny</button>
</div>`;
  return layout({
    title: `${clientTitle(client)} wants to use the Cloutility portal`,
    body: `<h1>${clientLabel(client)} wants to use the Cloutility portal as ${escapeHtml(who)}</h1>
<p class="muted">Signed in as <strong>${escapeHtml(person.username)}</strong>.</p>
${clientDetails(client)}
<p>If you allow it, the application can work in the portal with your permissions, limited to what you choose here, through the MCP server at <code>${escapeHtml(options.resourceUrl)}</code>.</p>
${postForm(options.action, options.csrf, fields)}`,
  });
}

/** One checkbox with its title and description; the id ties the label and text to it. */
function toolsetChoice(toolset: ConsentToolset): string {
  const id = `toolset-${escapeHtml(toolset.name)}`;
  const writes = toolset.writes ? ' <span class="writes">(can make changes)</span>' : '';
  return `<div class="choice">
<input type="checkbox" id="${id}" name="toolset" value="${escapeHtml(toolset.name)}" aria-describedby="${id}-text"${toolset.checked ? ' checked' : ''}>
<label for="${id}">${escapeHtml(toolset.title)}${writes}</label>
<p class="muted" id="${id}-text">${escapeHtml(toolset.description)}</p>
</div>`;
}

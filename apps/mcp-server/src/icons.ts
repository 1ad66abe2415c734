import type { Toolset } from './tools/types.js';

/** An MCP icon (`Icon` in the specification): here always a small inline SVG. */
export interface McpIcon {
  src: string;
  mimeType: 'image/svg+xml';
  sizes: string[];
}

/**
 * An inline SVG icon: a data URI, so it shows without a network and names no host. Lines in one
 * colour on a 24-unit grid, readable at 16 px in light and dark themes.
 */
function svgIcon(body: string): McpIcon {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" stroke="#2f81f7" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`;
  return {
    src: `data:image/svg+xml,${encodeURIComponent(svg)}`,
    mimeType: 'image/svg+xml',
    sizes: ['any'],
  };
}

/** The server's icon (in initialize and server/discover): a cloud with a backup arrow. */
export const SERVER_ICON = svgIcon(
  '<path d="M7 18a5 5 0 1 1 1-9.9A6 6 0 0 1 19 10a4 4 0 0 1 0 8z"/><path d="M12 16v-5m-2.5 2.5L12 11l2.5 2.5"/>',
);

/** Each toolset's icon, given to its tools with --tool-icons. */
export const TOOLSET_ICONS: Readonly<Record<Toolset, McpIcon>> = {
  // A machine: a screen on a stand.
  consumers: svgIcon(
    '<rect x="3" y="4" width="18" height="12" rx="2"/><path d="M8 20h8M12 16v4"/>',
  ),
  // Bars.
  reports: svgIcon('<path d="M4 20h16M7 16v-5M12 16V6M17 16v-8"/>'),
  // A bolt: one call does it.
  workflows: svgIcon('<path d="M13 3 5 14h6l-1 7 8-11h-6z"/>'),
  // Stacked machines.
  bulk: svgIcon(
    '<rect x="7" y="3" width="14" height="10" rx="2"/><path d="M3 9v10a2 2 0 0 0 2 2h10"/>',
  ),
  // A magnifier over a line.
  audit: svgIcon('<circle cx="10" cy="10" r="6"/><path d="m20 20-5.5-5.5M7 10h6"/>'),
  // A receipt.
  billing: svgIcon('<path d="M6 3h12v18l-3-2-3 2-3-2-3 2zM9 8h6M9 12h6"/>'),
  // An organisation tree.
  bunits: svgIcon(
    '<rect x="9" y="3" width="6" height="5" rx="1"/><rect x="3" y="16" width="6" height="5" rx="1"/><rect x="15" y="16" width="6" height="5" rx="1"/><path d="M12 8v4M6 16v-4h12v4"/>',
  ),
  // A list.
  catalog: svgIcon('<path d="M9 6h11M9 12h11M9 18h11M4 6h1M4 12h1M4 18h1"/>'),
  // A clock.
  jobs: svgIcon('<circle cx="12" cy="12" r="9"/><path d="M12 7v5l3 2"/>'),
  // A backup server: two drives.
  nodes: svgIcon(
    '<rect x="3" y="4" width="18" height="7" rx="2"/><rect x="3" y="13" width="18" height="7" rx="2"/><path d="M7 7.5h.01M7 16.5h.01"/>',
  ),
  // Two nodes, one acting for the other.
  proxies: svgIcon(
    '<circle cx="6" cy="12" r="3"/><circle cx="18" cy="12" r="3"/><path d="M9 12h6m-2-2 2 2-2 2"/>',
  ),
};

import { describe, expect, it } from 'vitest';
import { SERVER_ICON, TOOLSET_ICONS } from '../src/icons.js';
import { allTools } from '../src/index.js';
import { ERAS, testHarness } from './support.js';

const toolsetOf = new Map(allTools().map((t) => [t.name, t.toolset]));

describe.each(ERAS)('icons (%s client)', (era) => {
  it('the server names its icon; tools have none unless --tool-icons', async () => {
    const h = await testHarness({ era, toolsets: ['all'] });
    expect(h.client.getServerVersion()?.icons).toEqual([SERVER_ICON]);
    const { tools } = await h.client.listTools();
    expect(tools.filter((t) => t.icons !== undefined)).toEqual([]);
  });

  it('--tool-icons: every tool has its toolset’s icon', async () => {
    const h = await testHarness({ era, toolsets: ['all'], toolIcons: true });
    const { tools } = await h.client.listTools();
    for (const tool of tools)
      expect(tool.icons, tool.name).toEqual([TOOLSET_ICONS[toolsetOf.get(tool.name)!]]);
  });
});

describe('the icons themselves', () => {
  it('are inline SVG documents, one per toolset, no two alike', () => {
    const icons = [SERVER_ICON, ...Object.values(TOOLSET_ICONS)];
    for (const icon of icons) {
      const svg = decodeURIComponent(icon.src.replace(/^data:image\/svg\+xml,/, ''));
      expect(svg).toMatch(
        /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" viewBox="0 0 24 24"[^>]*>.*<\/svg>$/,
      );
      expect(svg).not.toMatch(/<script|href=|url\(/i);
    }
    expect(new Set(icons.map((i) => i.src)).size).toBe(icons.length);
  });
});

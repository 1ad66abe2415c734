// The least an MCP server on the SDK can be: the low-level Server from one factory, stdio (both
// eras), one tool. The start-up benchmark bundles it like the real bin to show the floor under our
// own start-up.
import { Server } from '@modelcontextprotocol/server';
import { serveStdio } from '@modelcontextprotocol/server/stdio';

serveStdio(() => {
  const server = new Server({ name: 'floor', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.setRequestHandler('tools/list', async () => ({
    tools: [{ name: 'noop', inputSchema: { type: 'object' } }],
  }));
  server.setRequestHandler('tools/call', async () => ({ content: [] }));
  return server;
});

/**
 * zod without its just-in-time parsers, for the whole command line. zod compiles a parser per
 * object schema at its first parse, which pays off over thousands of parses; a command parses
 * each schema once or twice, and the compiling cost a read 15 ms of the 20 it spent between the
 * portal's answer and its output (measured in issue 25). A schema keeps the setting it was built
 * under, so this runs before any schema is built: before a registry area loads (program.ts),
 * before a command whose module declares schemas loads (catalog.ts), and where the client loads
 * (connection.ts) for the Go CLI's commands. `test/startup.test.ts` checks that no run compiles
 * one. The MCP server, a long-lived process, keeps them.
 */
import { z } from 'zod';

export function parseWithoutJit(): void {
  z.config({ jitless: true });
}

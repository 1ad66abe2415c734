/**
 * zod without its just-in-time parsers, for the whole command line: called where flags are read
 * and where the client loads, before anything is parsed. zod compiles a
 * parser per object schema at its first parse, which pays off over thousands of parses; a command
 * parses each schema once or twice, and the compiling cost a read 15 ms of the 20 it spent
 * between the portal's answer and its output (measured in issue 25). The MCP server, a long-lived
 * process, keeps them.
 */
import { z } from 'zod';

export function parseWithoutJit(): void {
  z.config({ jitless: true });
}

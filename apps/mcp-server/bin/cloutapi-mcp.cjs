#!/usr/bin/env node
// A committed shim, so package managers can link the bin before the first build.
require('../dist/bin/cloutapi-mcp.cjs');

#!/usr/bin/env node
// The bundle built by scripts/bundle-cli.js (`npm run build`, run on install by the prepare script).
import "../dist/cli/mock-server.js";

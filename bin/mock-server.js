#!/usr/bin/env node
import { run } from "../dist/src/cli/run.js";
await run(process.argv.slice(2));

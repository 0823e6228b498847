#!/usr/bin/env node
// The command's path before bin/tf2openapi.cjs: npx caches the link to it, so it stays, running the
// ES module bundle as it did.
import '../dist/bin/main.mjs';

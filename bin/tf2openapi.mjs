#!/usr/bin/env node
// The installed command: a fixed path (npx caches it) in front of the bundled CLI.
import '../dist/bin/main.mjs';

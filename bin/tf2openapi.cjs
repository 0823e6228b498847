#!/usr/bin/env node
// The installed command: a fixed path (npx caches it) in front of the bundled CLI's CommonJS first
// stage, which runs `inspect <model>` itself and hands every other command to the ES module bundle.
require('../dist/bin/fast.cjs');

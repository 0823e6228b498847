// The runtime descriptor is proto/ compiled by protobufjs: it must not drift from proto/.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { it } from 'node:test';
import { compileProto } from '../scripts/compile-proto.js';
import { ROOT } from './helpers.js';

it('src/savedmodel/schema.json is proto/ as protobufjs compiles it (run npm run proto if not)', () => {
  assert.equal(readFileSync(join(ROOT, 'src/savedmodel/schema.json'), 'utf8'), compileProto());
});

// Compiles proto/ into the protobufjs JSON descriptor the runtime loads (src/savedmodel/schema.json),
// so a run needs protobufjs's light build and no .proto parsing. `npm run proto`; a test checks
// the committed descriptor matches proto/.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import protobuf from 'protobufjs';

export function compileProto(): string {
  const dir = fileURLToPath(new URL('../proto/', import.meta.url));
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => join(dir, target);
  root.loadSync(['tensorflow/meta_graph.proto', 'tensorflow/example.proto'], { keepCase: true });
  root.resolveAll();
  return JSON.stringify(root.toJSON({ keepComments: false }), null, 1) + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(fileURLToPath(new URL('../src/savedmodel/schema.json', import.meta.url)), compileProto());
  console.log('wrote src/savedmodel/schema.json');
}

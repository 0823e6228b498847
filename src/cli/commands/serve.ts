import type { CommandModule } from 'yargs';
import { Tf2OpenApiError } from '../../errors.js';
import { oneLine, out, warnAll } from '../output.js';
import { defined, specOptions, withProtocol, withSpec, type SpecArgs } from '../options.js';

interface Args extends SpecArgs {
  model: string;
  port: number;
  host: string;
  target?: string;
  'host-header'?: string;
  'max-body'?: number;
  seed: number;
  label?: string[];
  protocol?: string;
}

/** --label stable=3 (repeatable): TF Serving's version_labels. */
function labels(list: string[] | undefined): Record<string, string> | undefined {
  if (!list) return undefined;
  const map: Record<string, string> = Object.create(null);
  for (const item of list) {
    const m = /^([^=/:]+)=(\d+)$/.exec(item);
    if (!m) throw new Tf2OpenApiError('USAGE', `--label ${JSON.stringify(item)}: give NAME=VERSION, such as stable=3`);
    map[m[1]!] = m[2]!;
  }
  return map;
}

export const serveCommand: CommandModule<object, Args> = {
  command: 'serve <model>',
  describe:
    'Serve the docs page (/), the spec (/openapi.json) and, under /v1/ (/v2/ with --protocol v2), a mock server for the model or a proxy to a real one (--target)',
  builder: (y) =>
    withProtocol(withSpec(y))
      .positional('model', { type: 'string', demandOption: true, describe: 'the SavedModel (as for generate), or a spec tf2openapi wrote (.json/.yaml)' })
      .option('port', { type: 'number', default: 8501, describe: 'port (0: any free one)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'address to listen on' })
      .option('target', { type: 'string', describe: 'proxy /v1/ to this TF Serving or KServe ingress (http(s)://host:port) instead of the mock' })
      .option('host-header', { type: 'string', describe: 'Host header for the target (a KServe service: <name>.<namespace>.example.com)' })
      .option('max-body', { type: 'number', describe: 'largest request body in bytes (default 64 MiB; TF Serving has no limit)' })
      .option('seed', { type: 'number', default: 1, describe: "seed of the mock's synthesised answers" })
      .option('label', { type: 'string', array: true, describe: 'a version label the mock knows, NAME=VERSION (repeatable)' }) as never,
  handler: async (args) => {
    const { serve } = await import('../../jobs/serve.js');
    if (args['host-header'] !== undefined && args.target === undefined)
      throw new Tf2OpenApiError('USAGE', '--host-header goes with --target (the mock answers any Host)');
    const serving = await serve(args.model, {
      ...specOptions(args),
      ...(args.protocol === 'v2' ? { protocol: 'v2' as const } : {}),
      port: args.port,
      host: args.host,
      seed: args.seed,
      ...defined({ target: args.target, hostHeader: args['host-header'], maxBody: args['max-body'], labels: labels(args.label) }),
    });
    warnAll(serving.warnings);
    out(
      `serving ${oneLine(serving.name)} at ${serving.url}: docs /, spec /openapi.json, ${args.target ? `${serving.protocol === 'v2' ? '/v2/' : '/v1/'} proxied to ${args.target}` : serving.protocol === 'v2' ? 'a mock V2 server at /v2/' : 'a mock TF Serving at /v1/'} (Ctrl-C stops)\n`,
    );
    // Runs until SIGINT/SIGTERM, then closes gracefully and exits 0.
    await new Promise<void>((resolve) => {
      const stop = () => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        void serving.close().then(resolve);
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
  },
};

import { type ParseArgsConfig, type ParseArgsOptionsConfig, parseArgs } from 'node:util';

/**
 * What every `npm run` tool does with its command line, the same way: `--help` (`-h`) prints its usage
 * and exits 0; a usage error prints the tool's name, the message and the usage on stderr and exits 2.
 */

export interface Tool {
  /** What its messages start with: `import: no files given`. */
  name: string;
  usage: string;
}

/** Says a usage error and exits 2. */
export type UsageError = (message: string) => never;

/**
 * A tool's usage error. Assign it to a variable typed `UsageError`, so that TypeScript knows that
 * nothing runs after a call.
 */
export function usageError(tool: Tool): UsageError {
  return (message) => {
    process.stderr.write(`${tool.name}: ${message}\n${tool.usage}\n`);
    process.exit(2);
  };
}

const HELP = {
  help: { type: 'boolean', short: 'h', default: false },
} as const satisfies ParseArgsOptionsConfig;

/** The tool's options and arguments (`node:util`'s `parseArgs`, strict), once `--help` is answered. */
export function parseCommandLine<const Config extends ParseArgsConfig & { options: ParseArgsOptionsConfig }>(
  tool: Tool,
  config: Config,
) {
  const parsed = parseOrFail(tool, { ...config, options: { ...config.options, ...HELP } });
  // TypeScript cannot see `help` in the values of options it does not know yet.
  if ((parsed.values as { help: boolean }).help) {
    process.stdout.write(`${tool.usage}\n`);
    process.exit(0);
  }
  return parsed;
}

function parseOrFail<const Config extends ParseArgsConfig>(tool: Tool, config: Config) {
  try {
    return parseArgs(config);
  } catch (error) {
    return usageError(tool)((error as Error).message);
  }
}

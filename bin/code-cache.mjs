/**
 * Runs the CLI's CommonJS bundle (dist/cli/uia.cjs) with V8's code cache, so a start deserializes
 * the functions an earlier start compiled instead of parsing and compiling 3 MB of JavaScript
 * again (about 80 ms of a 450 ms start on the project's 2-core machine). Node 22 does this itself
 * (module.enableCompileCache); Node 20, which this project runs on, offers it only for scripts, through
 * vm.Script's cachedData.
 *
 * The cache is made at the end of a run, after the command ran, so it holds every function that run
 * compiled. It is made again when the bundle or Node changed, when V8 refused it, and once for each
 * command it has not yet seen (a run of `import` adds the importers to a cache made by `datasets`).
 * It lives in the user's cache folder, never beside the bundle (an install may be read-only and the
 * packaged app must not carry it), one file per bundle path. A cache that cannot be read or written
 * costs only the compile time it would have saved. UIA_CODE_CACHE=0 turns it off;
 * UIA_CODE_CACHE_DIR puts it elsewhere.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { Module, createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import vm from 'node:vm';

/** Commands a cache records at most; past that it is no longer remade for new ones. */
const COMMANDS_KEPT = 32;

function cacheDir() {
  if (process.env.UIA_CODE_CACHE_DIR) return process.env.UIA_CODE_CACHE_DIR;
  const base = process.platform === 'win32' ? (process.env.LOCALAPPDATA ?? join(homedir(), 'AppData', 'Local'))
    : process.platform === 'darwin' ? join(homedir(), 'Library', 'Caches')
      : (process.env.XDG_CACHE_HOME || join(homedir(), '.cache'));
  return join(base, 'urban-impact-assessment', 'code-cache');
}

/** The cached data and the commands that made it, if the cache was made from this very bundle by this Node. */
function readCache(file, stamp) {
  try {
    const buf = readFileSync(file);
    const eol = buf.indexOf(10);
    const [madeFrom, commands = ''] = buf.subarray(0, eol).toString('utf8').split('\t');
    return madeFrom === stamp ? { data: buf.subarray(eol + 1), commands: commands ? commands.split(',') : [] } : null;
  } catch {
    return null; // none yet, or unreadable
  }
}

/**
 * Runs `bundle` as Node would run it as a CommonJS module. `command` is the run's first argument
 * (the CLI's command word), which decides whether the cache gains this run's functions.
 */
export function runWithCodeCache(bundle, command) {
  const source = readFileSync(bundle, 'utf8');
  const { size, mtimeMs } = statSync(bundle);
  // V8 checks its own version and flags, but of the source only its length: the bundle's size and
  // time say whether the cache was made from this build.
  const stamp = `${process.version} ${process.arch} ${size} ${mtimeMs}`;
  const off = process.env.UIA_CODE_CACHE === '0';
  const cacheFile = join(cacheDir(), `${createHash('sha256').update(bundle).digest('hex').slice(0, 16)}.v8cache`);
  const cached = off ? null : readCache(cacheFile, stamp);
  const script = new vm.Script(Module.wrap(source), {
    filename: bundle, cachedData: cached?.data, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const accepted = cached !== null && !script.cachedDataRejected;
  if (process.env.UIA_CODE_CACHE_DEBUG === '1') process.stderr.write(`code cache: ${off ? 'off' : accepted ? 'used' : cached ? 'refused by V8' : 'none'} (${cacheFile})\n`);

  const word = command && !command.startsWith('-') ? command : 'help';
  const commands = accepted ? cached.commands : [];
  if (!off && !commands.includes(word) && commands.length < COMMANDS_KEPT) {
    process.once('exit', () => {
      try {
        const data = script.createCachedData();
        mkdirSync(dirname(cacheFile), { recursive: true, mode: 0o700 });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        writeFileSync(tmp, Buffer.concat([Buffer.from(`${stamp}\t${[...commands, word].join(',')}\n`), data]), { mode: 0o600 });
        renameSync(tmp, cacheFile); // whole or not at all: two runs ending together each write their own file
      } catch {
        // no cache folder, a read-only home: the next start compiles as this one did
      }
    });
  }

  const module = new Module(bundle, null);
  module.filename = bundle;
  module.paths = Module._nodeModulePaths(dirname(bundle));
  const require = createRequire(bundle);
  script.runInThisContext().call(module.exports, module.exports, require, module, bundle, dirname(bundle));
}

#!/usr/bin/env node
/*
 * mtemsm: the members' command line (TypeScript in src/cli).
 *
 * The TypeScript sources are transpiled as ts-node's transpile-only mode does (the
 * project's tsconfig, no type check), and each file's output is kept in
 * node_modules/.cache/mtemsm-cli under the hash of its path, its text, the TypeScript
 * version and the tsconfig: a command then starts without loading TypeScript or
 * transpiling the generated client's source maps (a megabyte) again, about 1.5 s less
 * per command. A changed file has another hash, so it is transpiled again.
 * MTEMSM_DEBUG=1 maps stack traces back to the TypeScript lines.
 */
'use strict';
const crypto = require('crypto');
const fs = require('fs');
const path = require('path');

const root = path.resolve(__dirname, '..');
const tsconfigFile = path.join(root, 'tsconfig.json');
const cacheDir = path.join(root, 'node_modules', '.cache', 'mtemsm-cli');
const salt = [
  require('typescript/package.json').version,
  fs.existsSync(tsconfigFile) ? fs.readFileSync(tsconfigFile, 'utf8') : '',
].join('\0');

let ts;
let compilerOptions;
const transpile = (source, filename) => {
  if (ts === undefined) {
    ts = require('typescript');
    const { config } = ts.readConfigFile(tsconfigFile, ts.sys.readFile);
    compilerOptions = {
      ...ts.parseJsonConfigFileContent(config ?? {}, ts.sys, root).options,
      noEmit: false,
      declaration: false,
      sourceMap: false,
      inlineSourceMap: true,
      inlineSources: false,
    };
  }

  return ts.transpileModule(source, { compilerOptions, fileName: filename }).outputText;
};

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const key = crypto.createHash('sha1').update(salt).update('\0').update(filename).update('\0').update(source).digest('hex');
  const cached = path.join(cacheDir, `${key}.js`);
  let code;
  try {
    code = fs.readFileSync(cached, 'utf8');
  } catch {
    code = transpile(source, filename);
    try {
      fs.mkdirSync(cacheDir, { recursive: true });
      // Written aside and renamed: commands run at the same time never read half a file.
      const temporary = `${cached}.${process.pid}`;
      fs.writeFileSync(temporary, code);
      fs.renameSync(temporary, cached);
    } catch {
      // A read-only install transpiles every time.
    }
  }
  module._compile(code, filename);
};

// neo-one's client loads its whole VM and node core (about 200 modules, 0.1 s of every
// command) for one function, used only to print a contract's console.log output in an
// error: that module is loaded when first used.
const Module = require('module');
const load = Module._load;
Module._load = function lazyVM(request, parent, isMain) {
  if (request === '@neo-one/node-vm' && parent !== undefined && parent !== null && parent.filename.includes('client-switch')) {
    let vm;
    const real = () => (vm = vm || load.call(Module, request, parent, isMain));

    return new Proxy({}, { get: (_target, key) => real()[key], has: (_target, key) => key in real() });
  }

  return load.apply(this, arguments);
};

if (process.env.MTEMSM_DEBUG !== undefined) {
  process.setSourceMapsEnabled(true);
}
require(path.join(root, 'src', 'cli', 'main.ts')).run();

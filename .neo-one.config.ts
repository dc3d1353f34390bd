import { defaultNetworks } from '@neo-one/cli';

export default {
  contracts: {
    // `neo-one compile` writes here; not committed.
    outDir: 'neo-one/compiled',
    path: 'neo-one/contracts',
    json: true,
    avm: true,
    debug: false,
    opcodes: false,
  },
  artifacts: {
    // Build and deployment artifacts, committed.
    path: 'neo-one/artifacts',
  },
  migration: {
    path: 'neo-one/migration.js',
  },
  codegen: {
    // The generated client: committed (neo-one asks for it).
    path: 'src/neo-one',
    language: 'typescript',
    framework: 'none',
    browserify: false,
    codesandbox: false,
  },
  network: {
    // Local network data: never committed.
    path: '.neo-one/network',
    port: 9040,
  },
  networks: defaultNetworks,
  neotracker: {
    path: '.neo-one/neotracker',
    port: 9041,
    skip: true,
  },
};

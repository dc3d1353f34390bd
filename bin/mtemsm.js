#!/usr/bin/env node
/* mtemsm: the members' command line (TypeScript in src/cli, run through ts-node). */
'use strict';
const path = require('path');

const root = path.resolve(__dirname, '..');
require('ts-node').register({ transpileOnly: true, project: path.join(root, 'tsconfig.json') });
require(path.join(root, 'src', 'cli', 'main.ts')).run();

#!/usr/bin/env node
'use strict';
// The CLI is written in TypeScript and run through tsx, so there is nothing to build before `pnpm course`.
require('tsx/cjs/api').register();
require('../src/main.ts');

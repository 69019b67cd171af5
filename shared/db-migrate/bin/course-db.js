#!/usr/bin/env node
'use strict';
// Written in TypeScript and run through tsx, so there is nothing to build before using it.
require('tsx/cjs/api').register();
require('../src/with-database-main.ts');

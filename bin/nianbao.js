#!/usr/bin/env node
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');
const cli = join(__dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) {
  process.stderr.write('nianbao: 尚未构建，请先运行 npm run build / not built yet: run npm run build first\n');
  process.exit(2);
}
require(cli);

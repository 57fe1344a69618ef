// Writes schema/plugin.json from the rule registry (`npm run schema`).
import { createRequire } from 'module';
import { writeFileSync } from 'fs';

const require = createRequire(import.meta.url);
const { settingsSchema, RULES } = require('../lib/node/mldebt.cjs');
writeFileSync(
  new URL('../schema/plugin.json', import.meta.url),
  JSON.stringify(settingsSchema(RULES), null, 2) + '\n'
);

import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../rules';
import { normaliseConfig } from './config';
import { settingsSchema } from './schema';

const schemaFile = path.resolve(__dirname, '..', '..', 'schema', 'plugin.json');

describe('settings schema', () => {
  it('schema/plugin.json is generated from the rule registry (npm run schema)', () => {
    expect(JSON.parse(fs.readFileSync(schemaFile, 'utf8'))).toEqual(
      settingsSchema(RULES)
    );
  });

  it('has every rule, with its severity and every option with the same default', () => {
    const schema = settingsSchema(RULES) as any;
    for (const r of RULES) {
      const entry = schema.properties.rules.properties[r.meta.id];
      expect(entry).toBeDefined();
      expect(entry.properties.severity.default).toBe(r.meta.severity);
      expect(entry.properties.enabled.default).toBe(
        r.meta.defaultEnabled !== false
      );
      for (const [k, o] of Object.entries(r.meta.options)) {
        expect(entry.properties.options.properties[k].default).toEqual(
          o.default
        );
        expect(entry.properties.options.properties[k].title).toBeTruthy();
      }
    }
  });

  it('its defaults are a valid configuration that changes nothing', () => {
    const schema = settingsSchema(RULES) as any;
    const defaults = Object.fromEntries(
      Object.entries(schema.properties).map(([k, v]: [string, any]) => [
        k,
        v.default
      ])
    );
    const config = normaliseConfig(defaults, RULES, true);
    expect(config.rules!['magic-number-comparison']).toEqual({
      enabled: true,
      severity: 'warning',
      options: { allow: [0, 1, -1, 0, 1], includeEquality: false }
    });
  });
});

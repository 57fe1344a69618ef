/** The settings schema as JupyterLab's own validator sees it. */
import * as fs from 'fs';
import * as path from 'path';
import {
  DefaultSchemaValidator,
  ISettingRegistry
} from '@jupyterlab/settingregistry';
import { normaliseConfig } from '../core/config';
import { RULES } from '../rules';

const schemaDir = path.resolve(__dirname, '..', '..', 'schema');

function validate(
  file: string,
  user: Record<string, unknown>
): { errors: string[]; composite: Record<string, any> } {
  const schema = JSON.parse(
    fs.readFileSync(path.join(schemaDir, file), 'utf8')
  );
  const plugin: ISettingRegistry.IPlugin = {
    id: `jupyterlab-mldebt:${file.replace('.json', '')}`,
    schema,
    raw: JSON.stringify(user),
    data: { composite: {}, user: user as any },
    version: '0.1.0'
  };
  const errors = new DefaultSchemaValidator().validateData(plugin, true);
  return {
    errors: (errors ?? []).map(
      e => `${e.instancePath ?? (e as any).dataPath} ${e.message}`
    ),
    composite: plugin.data.composite as Record<string, any>
  };
}

describe('the settings schema in JupyterLab', () => {
  it('accepts the defaults and fills in every rule', () => {
    const { errors, composite } = validate('plugin.json', {});
    expect(errors).toEqual([]);
    expect(composite.reviewBeforeExport).toBe(true);
    expect(composite.reviewSeverity).toBe('warning');
    expect(Object.keys(composite.rules).sort()).toEqual(
      RULES.map(r => r.meta.id).sort()
    );
    // What the Settings Editor stores is a configuration the engine accepts.
    expect(() => normaliseConfig(composite, RULES, true)).not.toThrow();
  });

  it.each([
    [
      { reviewSeverity: 'loud' },
      /reviewSeverity must be equal to one of the allowed values/
    ],
    [
      { panelSide: 'top' },
      /panelSide must be equal to one of the allowed values/
    ],
    [{ inlineMarks: 'no' }, /inlineMarks must be boolean/],
    [
      { rules: { 'magic-number-comparison': { enabled: 'yes' } } },
      /rules\/magic-number-comparison\/enabled must be boolean/
    ],
    [{ families: { 'dead-code': 1 } }, /families\/dead-code must be boolean/]
  ])('rejects %j with a message naming the key', (user, message) => {
    expect(validate('plugin.json', user).errors.join('\n')).toMatch(message);
  });

  it('rejects options of the wrong type', () => {
    const { errors } = validate('plugin.json', {
      rules: {
        'magic-number-comparison': { options: { allow: ['zero'] } }
      }
    });
    expect(errors.join('\n')).toMatch(/allow\/0.*number/);
  });

  it('has a valid schema for the export plugin', () => {
    expect(validate('export.json', {}).errors).toEqual([]);
  });

  it('puts the panel and export options first and groups the rules by family', () => {
    const schema = JSON.parse(
      fs.readFileSync(path.join(schemaDir, 'plugin.json'), 'utf8')
    );
    const keys = Object.keys(schema.properties);
    expect(keys.slice(0, 6)).toEqual([
      'panelSide',
      'inlineMarks',
      'analyseOnType',
      'showSuppressed',
      'reviewBeforeExport',
      'reviewSeverity'
    ]);
    expect(keys[keys.length - 1]).toBe('rules');
    const families = Object.keys(schema.properties.rules.properties).map(
      id => RULES.find(r => r.meta.id === id)!.meta.family
    );
    // Each family's rules stand together.
    expect(families.filter((f, i) => f !== families[i - 1])).toEqual([
      ...new Set(families)
    ]);
  });

  it('lets a partial user rule entry stand for the whole rule (Disable rule writes one key)', () => {
    const { errors, composite } = validate('plugin.json', {
      rules: { 'repeated-literal': { enabled: false } }
    });
    expect(errors).toEqual([]);
    const rule = RULES.find(r => r.meta.id === 'repeated-literal')!;
    expect(composite.rules['repeated-literal']).toMatchObject({
      enabled: false,
      severity: rule.meta.severity
    });
    expect(composite.rules['constant-condition'].enabled).toBe(true);
    const config = normaliseConfig(composite, RULES, false);
    expect(config.rules?.['repeated-literal']?.enabled).toBe(false);
  });
});

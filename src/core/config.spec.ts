import { RULES } from '../rules';
import {
  ConfigError,
  effectiveRules,
  mergeConfigs,
  normaliseConfig
} from './config';

describe('configuration', () => {
  it('accepts camelCase and kebab-case keys, options inline or under `options`', () => {
    const a = normaliseConfig(
      {
        'declared-inputs': ['data/*.csv'],
        rules: {
          'magic-number-comparison': { allow: [0.5], 'include-equality': true }
        }
      },
      RULES
    );
    const b = normaliseConfig(
      {
        declaredInputs: ['data/*.csv'],
        rules: {
          'magic-number-comparison': {
            options: { allow: [0.5], includeEquality: true }
          }
        }
      },
      RULES
    );
    expect(a).toEqual(b);
    expect(a.rules!['magic-number-comparison'].options).toEqual({
      allow: [0.5],
      includeEquality: true
    });
  });

  it('names the key in every error', () => {
    expect(() => normaliseConfig({ rules: { nope: true } }, RULES)).toThrow(
      /`rules.nope`/
    );
    expect(() =>
      normaliseConfig(
        { rules: { 'magic-number-comparison': { allow: 'x' } } },
        RULES
      )
    ).toThrow(
      /`rules.magic-number-comparison.allow` must be a list of numbers/
    );
    expect(() =>
      normaliseConfig(
        { rules: { 'constant-condition': { severity: 'loud' } } },
        RULES
      )
    ).toThrow(
      /`rules.constant-condition.severity` must be one of error, warning, info/
    );
    expect(() =>
      normaliseConfig({ families: { 'dead-code': 'no' } }, RULES)
    ).toThrow(/`families.dead-code` must be a boolean/);
    expect(() => normaliseConfig({ colour: 'red' }, RULES)).toThrow(
      ConfigError
    );
  });

  it('ignores unknown keys when not strict (JupyterLab settings)', () => {
    expect(
      normaliseConfig(
        { colour: 'red', panelSide: 'left', rules: { nope: true } },
        RULES,
        false
      )
    ).toEqual({ rules: {} });
  });

  it('resolves effective rules: family toggles win, then rule toggles, then defaults', () => {
    const ids = (c: object): string[] =>
      effectiveRules(RULES, c).map(r => r.rule.meta.id);
    expect(ids({ families: { 'dead-code': false } })).not.toContain(
      'constant-condition'
    );
    expect(
      ids({
        families: { 'dead-code': false },
        rules: { 'constant-condition': { enabled: true } }
      })
    ).not.toContain('constant-condition');
    // A family turned off wins over the rule's own toggle: the Settings Editor
    // always holds a value for every rule.
    expect(
      ids({ rules: { 'constant-condition': { enabled: false } } })
    ).not.toContain('constant-condition');
    expect(ids({ rules: { 'undeclared-write': { enabled: true } } })).toContain(
      'undeclared-write'
    );
    const magic = effectiveRules(RULES, {}).find(
      r => r.rule.meta.id === 'magic-number-comparison'
    )!;
    expect(magic.options).toEqual({
      allow: [0, 1, -1, 0, 1],
      includeEquality: false
    });
  });

  it('merges configurations, later ones winning per key', () => {
    const merged = mergeConfigs(
      { rules: { a: { enabled: false, options: { x: 1 } } } },
      { rules: { a: { options: { y: 2 } } } }
    );
    expect(merged.rules!.a).toEqual({
      enabled: false,
      options: { x: 1, y: 2 }
    });
  });
});

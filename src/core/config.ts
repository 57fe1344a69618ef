/**
 * One configuration shape for JupyterLab settings, `[tool.mldebt]` and
 * `--config`: per rule `enabled`, `severity` and options; per family a toggle;
 * `declaredInputs`. Keys may be camelCase (settings) or kebab-case (TOML).
 */
import { IRule } from './rule';
import { FAMILIES, Family, Severity, SEVERITIES } from './types';

export interface IRuleConfig {
  enabled?: boolean;
  severity?: Severity;
  options?: Record<string, unknown>;
}

export interface IMldebtConfig {
  rules?: Record<string, IRuleConfig>;
  families?: Partial<Record<Family, boolean>>;
  declaredInputs?: string[];
  declaredOutputs?: string[];
}

/** Settings that belong to the JupyterLab front end; the engine ignores them. */
export const LAB_ONLY_KEYS = new Set([
  'panelSide',
  'inlineMarks',
  'analyseOnType',
  'reviewBeforeExport',
  'reviewSeverity',
  'showSuppressed'
]);

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

export function camelCase(key: string): string {
  return key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

function checkType(value: unknown, type: string, key: string): void {
  const ok =
    type === 'boolean'
      ? typeof value === 'boolean'
      : type === 'number'
        ? typeof value === 'number' && Number.isFinite(value)
        : type === 'string'
          ? typeof value === 'string'
          : type === 'number[]'
            ? Array.isArray(value) && value.every(v => typeof v === 'number')
            : Array.isArray(value) && value.every(v => typeof v === 'string');
  if (!ok) {
    throw new ConfigError(
      `invalid configuration: \`${key}\` must be ${describeType(type)}, got ${JSON.stringify(value)}`
    );
  }
}

function describeType(type: string): string {
  switch (type) {
    case 'number[]':
      return 'a list of numbers';
    case 'string[]':
      return 'a list of strings';
    default:
      return `a ${type}`;
  }
}

/**
 * Validates raw configuration (from TOML, JSON or settings) against the rule
 * registry and returns it normalised. With `strict`, unknown keys are errors
 * (the CLI); without, they are ignored (JupyterLab must never crash on them).
 */
export function normaliseConfig(
  raw: unknown,
  rules: readonly IRule[],
  strict = true
): IMldebtConfig {
  if (raw === undefined || raw === null) {
    return {};
  }
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigError('invalid configuration: expected a table/object');
  }
  const out: IMldebtConfig = {};
  const byId = new Map(rules.map(r => [r.meta.id, r]));
  for (const [rawKey, value] of Object.entries(
    raw as Record<string, unknown>
  )) {
    const key = camelCase(rawKey);
    if (key === 'rules') {
      out.rules = normaliseRules(value, byId, strict);
    } else if (key === 'families') {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) {
        throw new ConfigError(
          'invalid configuration: `families` must be a table of family = true/false'
        );
      }
      out.families = {};
      for (const [family, on] of Object.entries(
        value as Record<string, unknown>
      )) {
        if (!FAMILIES.includes(family as Family)) {
          if (strict) {
            throw new ConfigError(
              `invalid configuration: unknown family \`families.${family}\` (known: ${FAMILIES.join(', ')})`
            );
          }
          continue;
        }
        checkType(on, 'boolean', `families.${family}`);
        out.families[family as Family] = on as boolean;
      }
    } else if (key === 'declaredInputs' || key === 'declaredOutputs') {
      checkType(value, 'string[]', rawKey);
      out[key] = value as string[];
    } else if (LAB_ONLY_KEYS.has(key) || key === 'exclude') {
      continue;
    } else if (strict) {
      throw new ConfigError(`invalid configuration: unknown key \`${rawKey}\``);
    }
  }
  return out;
}

function normaliseRules(
  value: unknown,
  byId: Map<string, IRule>,
  strict: boolean
): Record<string, IRuleConfig> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ConfigError(
      'invalid configuration: `rules` must be a table keyed by rule id'
    );
  }
  const out: Record<string, IRuleConfig> = {};
  for (const [id, entry] of Object.entries(value as Record<string, unknown>)) {
    const rule = byId.get(id);
    if (!rule) {
      if (strict) {
        throw new ConfigError(
          `invalid configuration: unknown rule \`rules.${id}\``
        );
      }
      continue;
    }
    if (typeof entry === 'boolean') {
      out[id] = { enabled: entry };
      continue;
    }
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
      throw new ConfigError(
        `invalid configuration: \`rules.${id}\` must be true/false or a table`
      );
    }
    const conf: IRuleConfig = {};
    const options: Record<string, unknown> = {};
    const raw = entry as Record<string, unknown>;
    // Options may sit in the rule table itself or under `options`.
    const flat: [string, unknown][] = Object.entries(raw).flatMap(([k, v]) =>
      k === 'options' &&
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v)
        ? Object.entries(v as Record<string, unknown>)
        : [[k, v] as [string, unknown]]
    );
    for (const [rawKey, v] of flat) {
      const key = camelCase(rawKey);
      const where = `rules.${id}.${rawKey}`;
      if (key === 'enabled') {
        checkType(v, 'boolean', where);
        conf.enabled = v as boolean;
      } else if (key === 'severity') {
        if (!SEVERITIES.includes(v as Severity)) {
          throw new ConfigError(
            `invalid configuration: \`${where}\` must be one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(v)}`
          );
        }
        conf.severity = v as Severity;
      } else if (rule.meta.options[key]) {
        checkType(v, rule.meta.options[key].type, where);
        options[key] = v;
      } else if (strict) {
        const known = Object.keys(rule.meta.options);
        throw new ConfigError(
          `invalid configuration: unknown option \`${where}\`${known.length ? ` (options: ${known.join(', ')})` : ''}`
        );
      }
    }
    if (Object.keys(options).length > 0) {
      conf.options = options;
    }
    out[id] = conf;
  }
  return out;
}

/** Merges configurations; later ones win, rule tables merge per key. */
export function mergeConfigs(...configs: IMldebtConfig[]): IMldebtConfig {
  const out: IMldebtConfig = {};
  for (const c of configs) {
    if (c.rules) {
      out.rules = { ...(out.rules ?? {}) };
      for (const [id, r] of Object.entries(c.rules)) {
        const prev = out.rules[id] ?? {};
        out.rules[id] = {
          ...prev,
          ...r,
          options: { ...(prev.options ?? {}), ...(r.options ?? {}) }
        };
      }
    }
    if (c.families) {
      out.families = { ...(out.families ?? {}), ...c.families };
    }
    if (c.declaredInputs) {
      out.declaredInputs = [...(out.declaredInputs ?? []), ...c.declaredInputs];
    }
    if (c.declaredOutputs) {
      out.declaredOutputs = [
        ...(out.declaredOutputs ?? []),
        ...c.declaredOutputs
      ];
    }
  }
  return out;
}

export interface IEffectiveRule {
  rule: IRule;
  severity: Severity;
  /** True when the configuration sets the severity (it then wins over the rule's own). */
  severityConfigured: boolean;
  options: Record<string, any>;
}

const defaultOptions = new WeakMap<IRule, Readonly<Record<string, any>>>();

/** A rule's options: defaults merged with configuration (enabled or not). */
export function ruleOptions(
  rule: IRule,
  config: IMldebtConfig
): Record<string, any> {
  const conf = config.rules?.[rule.meta.id] ?? {};
  if (!conf.options) {
    // The defaults, as one object per rule: what rules derive per options
    // object (keys, sets) is then found again on the next analysis.
    let defaults = defaultOptions.get(rule);
    if (!defaults) {
      defaults = Object.freeze(mergedOptions(rule, undefined));
      defaultOptions.set(rule, defaults);
    }
    return defaults;
  }
  return mergedOptions(rule, conf.options);
}

function mergedOptions(
  rule: IRule,
  configured: Record<string, unknown> | undefined
): Record<string, any> {
  const options: Record<string, any> = {};
  for (const [k, o] of Object.entries(rule.meta.options)) {
    options[k] = configured?.[k] ?? o.default;
  }
  return options;
}

/** The rules that run under a configuration, with their severity and options. */
export function effectiveRules(
  rules: readonly IRule[],
  config: IMldebtConfig
): IEffectiveRule[] {
  const out: IEffectiveRule[] = [];
  for (const rule of rules) {
    const conf = config.rules?.[rule.meta.id] ?? {};
    // A family turned off turns all its rules off; otherwise the rule's own
    // setting (or its default) decides.
    const familyOn = config.families?.[rule.meta.family] ?? true;
    const enabled =
      familyOn && (conf.enabled ?? rule.meta.defaultEnabled !== false);
    if (!enabled) {
      continue;
    }
    const options = ruleOptions(rule, config);
    out.push({
      rule,
      severity: conf.severity ?? rule.meta.severity,
      severityConfigured: conf.severity !== undefined,
      options
    });
  }
  return out;
}

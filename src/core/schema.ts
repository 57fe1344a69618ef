/**
 * The JupyterLab settings schema (schema/plugin.json), generated from the rule
 * registry so that the two never drift (a test compares them).
 */
import { IRule, IRuleOption } from './rule';
import { FAMILIES, SEVERITIES } from './types';

const FAMILY_TITLES: Record<string, string> = {
  'dead-code': 'Dead experimental code paths (Sculley et al. §5)',
  'hardcoded-threshold': 'Hard-coded thresholds and hyperparameters (§6)',
  'undeclared-data': 'Undeclared data dependencies (§2, §3)',
  reproducibility:
    'Reproducibility debt: hidden state, unseeded randomness, undeclared packages (§7)',
  analysis: "The engine's own notes (syntax errors, unsupported languages)"
};

const FAMILY_NAMES: Record<string, string> = {
  'dead-code': 'Dead code',
  'hardcoded-threshold': 'Thresholds',
  'undeclared-data': 'Data',
  reproducibility: 'Reproducibility',
  analysis: 'Analysis'
};

function optionSchema(o: IRuleOption): Record<string, unknown> {
  const base = {
    title: o.title,
    description: o.description,
    default: o.default
  };
  switch (o.type) {
    case 'number[]':
      return { ...base, type: 'array', items: { type: 'number' } };
    case 'string[]':
      return { ...base, type: 'array', items: { type: 'string' } };
    default:
      return { ...base, type: o.type };
  }
}

export function settingsSchema(
  rules: readonly IRule[]
): Record<string, unknown> {
  const ruleProps: Record<string, unknown> = {};
  const ruleDefaults: Record<string, unknown> = {};
  // Rules grouped by family, in the families' order, each titled with it.
  const byFamily = [...rules].sort(
    (a, b) => FAMILIES.indexOf(a.meta.family) - FAMILIES.indexOf(b.meta.family)
  );
  for (const r of byFamily) {
    const m = r.meta;
    const options: Record<string, unknown> = {};
    const optionDefaults: Record<string, unknown> = {};
    for (const [k, o] of Object.entries(m.options)) {
      options[k] = optionSchema(o);
      optionDefaults[k] = o.default;
    }
    const enabled = m.defaultEnabled !== false;
    ruleDefaults[m.id] = {
      enabled,
      severity: m.severity,
      options: optionDefaults
    };
    ruleProps[m.id] = {
      title: `${FAMILY_NAMES[m.family] ?? m.family} \u203a ${m.id}: ${m.title}`,
      description: `${m.description} Why it is debt: ${m.rationale} (${m.paper})`,
      type: 'object',
      properties: {
        enabled: { title: 'Enabled', type: 'boolean', default: enabled },
        severity: {
          title: 'Severity',
          type: 'string',
          enum: [...SEVERITIES],
          default: m.severity
        },
        options: {
          title: 'Options',
          type: 'object',
          properties: options,
          additionalProperties: false,
          default: optionDefaults
        }
      },
      additionalProperties: false,
      default: ruleDefaults[m.id]
    };
  }
  const familyDefaults = Object.fromEntries(FAMILIES.map(f => [f, true]));
  return {
    title: 'ML Debt',
    description:
      'Rules, families and panel of the ML technical-debt extension (jupyterlab-mldebt). The same keys work in `[tool.mldebt]` of pyproject.toml and `mldebt check --config`.',
    'jupyter.lab.setting-icon': 'jupyterlab-mldebt:icon',
    'jupyter.lab.setting-icon-label': 'ML Debt',
    'jupyter.lab.menus': {
      main: [
        {
          id: 'jp-mainmenu-view',
          items: [{ command: 'mldebt:open-panel', rank: 10 }]
        }
      ]
    },
    type: 'object',
    additionalProperties: false,
    // The Settings Editor draws properties in this order: the panel and
    // export options first, the long per-rule section last.
    properties: {
      panelSide: {
        title: 'Panel side',
        description: 'The sidebar the ML Debt panel lives in.',
        type: 'string',
        enum: ['right', 'left'],
        default: 'right'
      },
      inlineMarks: {
        title: 'Marks in the editor',
        description: 'Underline findings in the cell editors.',
        type: 'boolean',
        default: true
      },
      analyseOnType: {
        title: 'Analyse while typing',
        description:
          'Re-analyse as you type (debounced); when off, only on save.',
        type: 'boolean',
        default: true
      },
      showSuppressed: {
        title: 'Show ignored findings',
        description:
          'Show findings ignored in metadata, greyed out, with their reason.',
        type: 'boolean',
        default: false
      },
      reviewBeforeExport: {
        title: 'Review before export',
        description:
          'Ask before exporting or downloading a notebook with findings at or above the review severity.',
        type: 'boolean',
        default: true
      },
      reviewSeverity: {
        title: 'Review severity',
        description:
          'The lowest severity that triggers the review before export.',
        type: 'string',
        enum: [...SEVERITIES],
        default: 'warning'
      },
      families: {
        title: 'Rule families',
        description: 'Turn a whole family of rules off at once.',
        type: 'object',
        properties: Object.fromEntries(
          FAMILIES.map(f => [
            f,
            { title: FAMILY_TITLES[f], type: 'boolean', default: true }
          ])
        ),
        additionalProperties: false,
        default: familyDefaults
      },
      declaredInputs: {
        title: 'Declared inputs',
        description:
          'Data sources every notebook may read without a finding: paths, globs (`*`, `**`) or URL prefixes.',
        type: 'array',
        items: { type: 'string' },
        default: []
      },
      declaredOutputs: {
        title: 'Declared outputs',
        description:
          'Data outputs every notebook may write without a finding (same syntax as declared inputs).',
        type: 'array',
        items: { type: 'string' },
        default: []
      },
      rules: {
        title: 'Rules',
        description:
          'Per rule: enabled, severity and options. See docs/rules.md for each rule.',
        type: 'object',
        properties: ruleProps,
        additionalProperties: false,
        default: ruleDefaults
      }
    }
  };
}

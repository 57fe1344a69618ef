/** Every rule's documented examples are its first tests: bad ones are reported, good ones are not. */
import { Engine } from '../core/engine';
import { FAMILIES, reportsRule } from '../core/types';
import { declaredPackageSet } from '../core/dependencies';
import { IRuleExample } from '../core/rule';
import { notebook } from '../testing/notebook';
import { RULES } from '.';

const engine = new Engine(RULES);

function exampleNotebook(example: IRuleExample) {
  const cells = example.cells
    ? example.cells.map(c => ({
        source: c.source,
        execution_count: c.execution_count ?? null,
        metadata: { tags: c.tags ?? [] }
      }))
    : [example.code];
  return notebook(cells, example.language ?? 'python');
}

function exampleOptions(example: IRuleExample) {
  return example.declared
    ? {
        dependencies: {
          files: ['requirements.txt'],
          packages: declaredPackageSet(example.declared),
          localModules: new Set<string>()
        }
      }
    : {};
}

describe('rule registry', () => {
  it('has unique kebab-case ids and complete metadata', () => {
    const ids = RULES.map(r => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of RULES) {
      expect(r.meta.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(FAMILIES).toContain(r.meta.family);
      expect(['error', 'warning', 'info']).toContain(r.meta.severity);
      expect(
        r.meta.title && r.meta.description && r.meta.rationale && r.meta.paper
      ).toBeTruthy();
      expect(r.meta.examples.bad.length).toBeGreaterThan(0);
      expect(r.meta.examples.good.length).toBeGreaterThan(0);
    }
  });
});

describe.each(
  RULES.filter(r => r.meta.family !== 'analysis').map(
    r => [r.meta.id, r] as const
  )
)('%s examples', (id, rule) => {
  it.each(rule.meta.examples.bad.map(e => [e.code, e] as const))(
    'reports %s',
    (_code, example) => {
      const { findings } = engine.analyse(
        exampleNotebook(example),
        { rules: { [id]: { enabled: true } } },
        exampleOptions(example)
      );
      expect(findings.filter(f => reportsRule(f, id)).length).toBeGreaterThan(
        0
      );
    }
  );
  it.each(rule.meta.examples.good.map(e => [e.code, e] as const))(
    'does not report %s',
    (_code, example) => {
      const { findings } = engine.analyse(
        exampleNotebook(example),
        { rules: { [id]: { enabled: true } } },
        exampleOptions(example)
      );
      expect(findings.filter(f => reportsRule(f, id))).toEqual([]);
    }
  );
});

/** Every fix on the rule fixtures, the demo and generated notebooks keeps its promise. */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { RULES } from '../rules';
import { notebook } from '../testing/notebook';
import { Engine } from './engine';
import { checkFixes, IOracleReport, PYTHON_AST_CHECK } from './fix-oracle';
import { parseNotebookText } from './notebook';

const engine = new Engine(RULES);
const root = path.resolve(__dirname, '..', '..');
const files = [
  ...fs
    .readdirSync(path.join(root, 'src', 'rules', 'fixtures'))
    .filter(f => f.endsWith('.ipynb'))
    .map(f => path.join(root, 'src', 'rules', 'fixtures', f)),
  path.join(root, 'examples', 'demo.ipynb')
];

/** Python's own parser on the code pairs: what parsed before still parses. */
function pythonAstProblems(pairs: IOracleReport['pythonPairs']): string[] {
  const r = spawnSync('python3', ['-c', PYTHON_AST_CHECK], {
    input: JSON.stringify(pairs),
    encoding: 'utf8'
  });
  if (r.error) {
    return []; // no Python on this machine: the project's parser still checked
  }
  expect(r.status).toBe(0);
  return (JSON.parse(r.stdout) as string[]).map(
    w => `${w}: Python's ast no longer parses the cell`
  );
}

describe('the fix oracle', () => {
  it.each(files.map(f => [path.basename(f), f]))('%s', (_name, file) => {
    const nb = parseNotebookText(fs.readFileSync(file, 'utf8'));
    const report = checkFixes(nb, engine);
    expect([
      ...report.problems,
      ...pythonAstProblems(report.pythonPairs)
    ]).toEqual([]);
  });

  it('checks something: the demo offers fixes of every kind', () => {
    const nb = parseNotebookText(
      fs.readFileSync(path.join(root, 'examples', 'demo.ipynb'), 'utf8')
    );
    expect(checkFixes(nb, engine).fixes).toBeGreaterThanOrEqual(7);
  });

  it('catches a fix that breaks its promise', () => {
    const nb = notebook([
      { source: 'SEED = 1', metadata: { tags: ['parameters'] } },
      'y = proba > 0.37'
    ]);
    const broken = new Engine(RULES);
    const analyse = broken.analyse.bind(broken);
    // A fix that writes another name than its message promises.
    broken.analyse = (input, config, options) => {
      const result = analyse(input, config, options);
      return {
        ...result,
        findings: result.findings.map(f =>
          f.fix ? { ...f, fix: [{ ...f.fix[0], text: 'OTHER' }] } : f
        )
      };
    };
    expect(checkFixes(nb, broken).problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining('the message promises `PROBA_THRESHOLD`')
      ])
    );
  });
});

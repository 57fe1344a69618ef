import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { notebook } from '../testing/notebook';
import { parseArgs } from './args';
import { run } from './main';

interface IRun {
  code: number;
  out: string;
  err: string;
}

async function cli(...argv: string[]): Promise<IRun> {
  let out = '';
  let err = '';
  const code = await run(argv, {
    stdout: s => (out += s),
    stderr: s => (err += s),
    interactive: false
  });
  return { code, out, err };
}

let dir: string;

function write(name: string, content: string | object): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(
    file,
    typeof content === 'string' ? content : JSON.stringify(content, null, 1)
  );
  return file;
}

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mldebt-cli-'));
});

afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
});

const debt = notebook([
  'import sys\nfrom churn.data import df',
  'if False:\n    x = 1',
  'y = df[df.p > 0.37]'
]);
const clean = notebook(['import pandas as pd', 'df = pd.DataFrame()']);

describe('mldebt check', () => {
  it('prints one line per finding and a summary; exits 1 at --fail-on warning', async () => {
    const file = write('a.ipynb', debt);
    const r = await cli('check', file);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines[0]).toBe(
      `${file}:cell 2:1:1: constant-condition \`if False:\` never runs its body: the if condition is always false. Delete the dead block, or drive it from a declared parameter.`
    );
    expect(lines[1]).toMatch(/:cell 3:1:15: magic-number-comparison `0.37`/);
    expect(lines[2]).toBe(
      '2 findings (0 errors, 2 warnings, 0 info) in 1 notebook'
    );
  });

  it('exits 0 when nothing reaches --fail-on, and with --fail-on never', async () => {
    const file = write('a.ipynb', debt);
    expect((await cli('check', '--fail-on', 'error', file)).code).toBe(0);
    expect((await cli('check', '--fail-on=never', file)).code).toBe(0);
    expect((await cli('check', write('b.ipynb', clean))).code).toBe(0);
  });

  it('filters with --select and --ignore by rule or family', async () => {
    const file = write('a.ipynb', debt);
    const sel = await cli(
      'check',
      '--format',
      'json',
      '--select',
      'dead-code',
      file
    );
    expect(
      JSON.parse(sel.out).notebooks[0].findings.map((f: any) => f.rule)
    ).toEqual(['constant-condition']);
    const ign = await cli(
      'check',
      '--format',
      'json',
      '--ignore',
      'constant-condition',
      file
    );
    expect(
      JSON.parse(ign.out).notebooks[0].findings.map((f: any) => f.rule)
    ).toEqual(['magic-number-comparison']);
    const bad = await cli('check', '--select', 'no-such-rule', file);
    expect(bad.code).toBe(2);
    expect(bad.err).toBe(
      'mldebt: unknown rule or family: no-such-rule (see `mldebt rules`)\n'
    );
  });

  it('writes the JSON contract', async () => {
    const file = write('a.ipynb', debt);
    const r = await cli('check', '--format', 'json', file);
    const doc = JSON.parse(r.out);
    expect(doc.version).toBe(1);
    expect(doc.notebooks[0]).toMatchObject({ path: file, language: 'python' });
    expect(doc.notebooks[0].findings[0]).toEqual({
      rule: 'constant-condition',
      family: 'dead-code',
      severity: 'warning',
      message: expect.any(String),
      cell: { index: 1, id: 'c1' },
      range: { start: { line: 1, column: 1 }, end: { line: 2, column: 10 } }
    });
    expect(doc.summary).toMatchObject({
      notebooks: 1,
      findings: 2,
      bySeverity: { error: 0, warning: 2, info: 0 }
    });
  });

  it('writes valid SARIF 2.1.0 pointing into the notebook file', async () => {
    const file = write('a.ipynb', debt);
    const r = await cli('check', '--format', 'sarif', file);
    const sarif = JSON.parse(r.out);
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const run0 = sarif.runs[0];
    expect(run0.tool.driver.name).toBe('mldebt');
    for (const rule of run0.tool.driver.rules) {
      expect(rule.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(rule.shortDescription.text).toBeTruthy();
      expect(rule.help.text).toContain('Why it is debt');
    }
    expect(run0.results).toHaveLength(2);
    const fileLines = fs.readFileSync(file, 'utf8').split('\n');
    for (const res of run0.results) {
      expect(['error', 'warning', 'note']).toContain(res.level);
      expect(typeof res.message.text).toBe('string');
      expect(run0.tool.driver.rules[res.ruleIndex].id).toBe(res.ruleId);
      const loc = res.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toBe(file.split(path.sep).join('/'));
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      // The line points at the flagged source line inside the .ipynb file.
      const flagged =
        res.ruleId === 'constant-condition' ? 'if False:' : 'df.p > 0.37';
      expect(fileLines[loc.region.startLine - 1]).toContain(flagged);
    }
  });

  it('includes the data manifest in JSON and writes a Markdown report', async () => {
    const file = write(
      'd.ipynb',
      notebook([
        'import pandas as pd',
        'df = pd.read_csv("data/train.csv")\nkeep = df[df.score > 0.37]'
      ])
    );
    const json = JSON.parse((await cli('check', '--format', 'json', file)).out);
    expect(json.notebooks[0].dataSources).toEqual([
      expect.objectContaining({
        kind: 'read',
        reader: 'pd.read_csv',
        source: 'data/train.csv',
        declared: false,
        cell: { index: 1, id: 'c1' }
      })
    ]);
    const md = await cli('check', '--format', 'markdown', file);
    expect(md.code).toBe(1);
    const lines = md.out.split('\n');
    expect(lines[0]).toBe('# ML technical debt report');
    expect(lines).toContain(`## ${file}`);
    expect(lines).toContain('| hardcoded-threshold | 1 |');
    expect(lines).toContain('| undeclared-data | 1 |');
    expect(
      lines.some(l =>
        /^\| warning \| magic-number-comparison \| 2 \| 2 \| .*0\.37.* \|$/.test(
          l
        )
      )
    ).toBe(true);
    expect(lines).toContain('### Data dependencies');
    expect(lines).toContain(
      '| read | `data/train.csv` | pd.read_csv | 2 | 1 | UNDECLARED |'
    );
  });

  it('writes GitHub workflow annotations', async () => {
    const file = write('a.ipynb', debt);
    const r = await cli('check', '--format', 'github', file);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(
      /^::warning file=.*a\.ipynb,line=\d+,title=mldebt constant-condition \(cell 2%2C line 1\)::`if False:` never runs/
    );
  });

  it('walks directories, skipping checkpoints, hidden folders and node_modules', async () => {
    write('nb/a.ipynb', debt);
    write('nb/sub/b.ipynb', clean);
    write('nb/.ipynb_checkpoints/a-checkpoint.ipynb', debt);
    write('nb/.hidden/c.ipynb', debt);
    write('nb/node_modules/d.ipynb', debt);
    write('nb/notes.txt', 'x');
    const r = await cli('check', '--format', 'json', path.join(dir, 'nb'));
    expect(
      JSON.parse(r.out).notebooks.map((n: any) => path.relative(dir, n.path))
    ).toEqual(['nb/a.ipynb', 'nb/sub/b.ipynb']);
  });

  it('leaves the main thread a core: --jobs defaults to the CPU count less one', () => {
    const jobs = (cpus: number) =>
      (parseArgs(['check', 'x'], cpus) as any).jobs;
    expect([jobs(1), jobs(2), jobs(8)]).toEqual([1, 1, 7]);
    expect((parseArgs(['check', '--jobs', '3', 'x'], 2) as any).jobs).toBe(3);
  });

  it('analyses an nbformat 3 notebook, upgraded in memory as Jupyter does', async () => {
    const v3 = fs.readFileSync(
      path.join(__dirname, '..', 'core', 'fixtures', 'nbformat3.ipynb'),
      'utf8'
    );
    const file = write('old.ipynb', v3);
    const r = await cli('check', '--format', 'json', file);
    expect(r.code).toBe(1);
    expect(r.err).toBe('');
    const [nb] = JSON.parse(r.out).notebooks;
    expect(nb.error).toBeUndefined();
    expect(nb.findings.map((f: any) => [f.rule, f.cell.index])).toEqual(
      expect.arrayContaining([['magic-number-comparison', 3]])
    );
    expect(fs.readFileSync(file, 'utf8')).toBe(v3);
  });

  it('reports malformed files with exit 2 and a one-line error, and still analyses the others', async () => {
    const good = write('0good.ipynb', debt);
    const files = [
      write('json.ipynb', '{"cells": ['),
      write('v2.ipynb', { nbformat: 2, worksheets: [] }),
      write('nocells.ipynb', { nbformat: 4, metadata: {} }),
      write('number.ipynb', {
        nbformat: 4,
        cells: [{ cell_type: 'code', source: 42 }]
      }),
      write('binary.ipynb', Buffer.from([0, 1, 2, 255, 0]).toString('latin1')),
      write('long.ipynb', 'x'.repeat(5 * 1024 * 1024))
    ];
    const r = await cli(
      'check',
      '--format',
      'json',
      good,
      ...files,
      path.join(dir, 'missing.ipynb')
    );
    expect(r.code).toBe(2);
    const errs = r.err.trim().split('\n');
    expect(errs).toHaveLength(7);
    expect(errs[0]).toMatch(/json\.ipynb: invalid JSON: /);
    expect(errs[1]).toMatch(/v2\.ipynb: nbformat 2 is not supported/);
    expect(errs[2]).toMatch(
      /nocells\.ipynb: not a notebook: missing the `cells` list$/
    );
    expect(errs[3]).toMatch(
      /number\.ipynb: cell 0: source must be a string or a list of strings$/
    );
    expect(errs[4]).toMatch(
      /binary\.ipynb: not a notebook: the file is binary$/
    );
    expect(errs[5]).toMatch(/long\.ipynb: invalid JSON: /);
    expect(errs[5].length).toBeLessThan(300);
    expect(errs[6]).toMatch(/missing\.ipynb: no such file or directory$/);
    const doc = JSON.parse(r.out);
    expect(doc.notebooks[0].findings).toHaveLength(2);
  });

  it('reads [tool.mldebt] from the nearest pyproject.toml and --config files', async () => {
    write(
      'proj/pyproject.toml',
      '[project]\nname = "churn"\n\n[tool.mldebt.rules.constant-condition]\nenabled = false\n'
    );
    const file = write('proj/nbs/a.ipynb', debt);
    const r = await cli('check', '--format', 'json', file);
    expect(
      JSON.parse(r.out).notebooks[0].findings.map((f: any) => f.rule)
    ).toEqual(['magic-number-comparison']);
    const conf = write('conf.json', {
      rules: { 'magic-number-comparison': { severity: 'error' } }
    });
    const r2 = await cli('check', '--format', 'json', '--config', conf, file);
    expect(
      JSON.parse(r2.out).notebooks[0].findings.map((f: any) => f.severity)
    ).toEqual(['error']);
    const toml = write(
      'conf.toml',
      '[rules.magic-number-comparison]\nallow = [0.37]\n'
    );
    const r3 = await cli('check', '--format', 'json', '--config', toml, file);
    expect(JSON.parse(r3.out).notebooks[0].findings).toEqual([]);
  });

  it('accepts JupyterLab settings as --config, panel keys included', async () => {
    const file = write('a.ipynb', debt);
    // What JupyterLab's Settings Editor stores (JSON, camelCase, lab-only keys).
    const settings = write('lab-settings.json', {
      families: { 'dead-code': false },
      panelSide: 'left',
      inlineMarks: false,
      analyseOnType: false,
      showSuppressed: true,
      reviewBeforeExport: true,
      reviewSeverity: 'error',
      rules: { 'magic-number-comparison': { severity: 'info' } }
    });
    const r = await cli(
      'check',
      '--format',
      'json',
      '--config',
      settings,
      file
    );
    expect(r.err).toBe('');
    expect(
      JSON.parse(r.out).notebooks[0].findings.map((f: any) => [
        f.rule,
        f.severity
      ])
    ).toEqual([['magic-number-comparison', 'info']]);
  });

  it('rejects invalid configuration with a message naming the key', async () => {
    const file = write('a.ipynb', debt);
    const conf = write(
      'bad.toml',
      '[rules.magic-number-comparison]\nallow = "zero"\n'
    );
    const r = await cli('check', '--config', conf, file);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `mldebt: ${conf}: invalid configuration: \`rules.magic-number-comparison.allow\` must be a list of numbers, got "zero"\n`
    );
    const broken = write('broken.toml', '[rules\n');
    expect((await cli('check', '--config', broken, file)).err).toMatch(
      /invalid TOML/
    );
  });

  it('reports usage errors with exit 2', async () => {
    expect((await cli('check')).code).toBe(2);
    expect((await cli('check', '--format', 'xml', 'a')).err).toBe(
      'mldebt: --format must be text, json, sarif, github or markdown, not xml\n'
    );
    expect((await cli('lint')).code).toBe(2);
    expect((await cli('check', '--jobs', '0', 'a')).code).toBe(2);
  });

  it('lists rules as text, JSON and Markdown', async () => {
    const json = JSON.parse((await cli('rules', '--format', 'json')).out);
    expect(json.map((r: any) => r.id)).toContain('constant-condition');
    const md = (await cli('rules', '--format', 'markdown')).out;
    expect(md).toContain('### magic-number-comparison');
    expect(md).toContain('§6 Configuration Debt');
    expect((await cli('rules')).out).toContain(
      'unreachable-code (dead-code, warning)'
    );
    expect((await cli('--version')).out).toMatch(/^mldebt \S+\n$/);
  });
});

describe('the built mldebt command', () => {
  const bin = path.resolve(__dirname, '..', '..', 'bin', 'mldebt.js');

  it('analyses files in parallel worker threads with deterministic output', () => {
    const files = Array.from({ length: 6 }, (_, i) =>
      write(`n${i}.ipynb`, i % 2 ? debt : clean)
    );
    const serial = execFileSync(
      process.execPath,
      [
        bin,
        'check',
        '--format',
        'json',
        '--fail-on',
        'never',
        '--jobs',
        '1',
        ...files
      ],
      { encoding: 'utf8' }
    );
    const parallel = execFileSync(
      process.execPath,
      [
        bin,
        'check',
        '--format',
        'json',
        '--fail-on',
        'never',
        '--jobs',
        '3',
        ...files
      ],
      { encoding: 'utf8' }
    );
    expect(parallel).toBe(serial);
    expect(JSON.parse(parallel).summary.findings).toBe(6);
  });

  it('exits with the documented codes', () => {
    const file = write('a.ipynb', debt);
    expect(spawnSync(process.execPath, [bin, 'check', file]).status).toBe(1);
    expect(
      spawnSync(process.execPath, [bin, 'check', '--fail-on', 'never', file])
        .status
    ).toBe(0);
    expect(
      spawnSync(process.execPath, [bin, 'check', path.join(dir, 'none.ipynb')])
        .status
    ).toBe(2);
  });
});

describe('the rule reference', () => {
  it('docs/rules.md is generated from the registry and up to date', async () => {
    const doc = fs.readFileSync(
      path.resolve(__dirname, '..', '..', 'docs', 'rules.md'),
      'utf8'
    );
    const generated = (await cli('rules', '--format', 'markdown')).out;
    expect(doc).toBe(generated);
  });
});

describe('mldebt inputs', () => {
  it('prints the data manifest as text and JSON', async () => {
    const nb = notebook([
      'import pandas as pd',
      { source: 'DATA = "data/d.csv"', metadata: { tags: ['parameters'] } },
      'a = pd.read_csv(DATA)\nb = pd.read_csv("/home/al/b.csv")\n!wget https://example.com/c.zip'
    ]);
    const file = write('m.ipynb', nb);
    const text = await cli('inputs', file);
    expect(text.code).toBe(0);
    expect(text.out.split('\n')).toEqual([
      file,
      '  cell 3:1  read     pd.read_csv  {DATA}  [declared (parameters)]',
      '  cell 3:2  read     pd.read_csv  /home/al/b.csv  [UNDECLARED]',
      '  cell 3:3  download !wget  https://example.com/c.zip  [UNDECLARED, remote, unpinned]',
      ''
    ]);
    const json = JSON.parse(
      (await cli('inputs', '--format', 'json', file)).out
    );
    expect(json.version).toBe(1);
    expect(json.notebooks[0].sources[1]).toMatchObject({
      kind: 'read',
      reader: 'pd.read_csv',
      source: '/home/al/b.csv',
      declared: false,
      cell: { index: 2, id: 'c2' },
      range: { start: { line: 2, column: 17 } }
    });
  });

  it('uses declared inputs from [tool.mldebt] and fails alone on a bad file', async () => {
    write(
      'p/pyproject.toml',
      '[tool.mldebt]\ndeclared-inputs = ["/home/al/*.csv"]\n'
    );
    const file = write(
      'p/m.ipynb',
      notebook(['import pandas as pd\nb = pd.read_csv("/home/al/b.csv")'])
    );
    const bad = write('p/bad.ipynb', '{');
    const r = await cli('inputs', file, bad);
    expect(r.code).toBe(2);
    expect(r.out).toContain('/home/al/b.csv  [declared (settings)]');
    expect(r.err).toMatch(/bad\.ipynb: invalid JSON/);
  });
});

describe('mldebt check: dependency files', () => {
  const imports = notebook([
    'import pandas as pd\nimport lightgbm as lgb\nfrom sklearn import svm'
  ]);

  it('reads the dependency files beside the notebook and above it, up to the repository root', async () => {
    fs.mkdirSync(path.join(dir, 'repo', '.git'), { recursive: true });
    write('requirements.txt', 'lightgbm\n'); // above the repository root: not read
    write('repo/requirements.txt', 'pandas>=2\n');
    write(
      'repo/notebooks/pyproject.toml',
      '[project]\nname = "x"\ndependencies = ["scikit-learn"]\n'
    );
    const file = write('repo/notebooks/a.ipynb', imports);
    const r = await cli('check', '--select', 'undeclared-package', file);
    expect(r.code).toBe(1);
    const lines = r.out.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(
      'undeclared-package `lightgbm` is imported, but it is declared in none of `pyproject.toml`, `../requirements.txt`'
    );
    expect(lines[0]).toContain('Declare `lightgbm`');
  });

  it('says nothing about packages when no dependency file exists', async () => {
    fs.mkdirSync(path.join(dir, '.git'));
    const file = write('a.ipynb', imports);
    const r = await cli('check', '--select', 'undeclared-package', file);
    expect(r.code).toBe(0);
    expect(r.out).toContain('0 findings');
  });

  it('uses --requirements instead of searching, following -r includes', async () => {
    fs.mkdirSync(path.join(dir, '.git'));
    write('requirements.txt', 'pandas\nlightgbm\nscikit-learn\n');
    write('ci/base.txt', 'scikit-learn\n');
    write('ci/reqs.txt', '-r base.txt\npandas\n');
    const file = write('a.ipynb', imports);
    const r = await cli(
      'check',
      '--select',
      'undeclared-package',
      '--requirements',
      path.join(dir, 'ci', 'reqs.txt'),
      file
    );
    expect(r.out.trim().split('\n')[0]).toContain('`lightgbm` is imported');
    expect(r.out).toContain('1 finding');
  });

  it('fails with one clear error on a missing or malformed --requirements file', async () => {
    const file = write('a.ipynb', imports);
    const missing = await cli(
      'check',
      '--requirements',
      path.join(dir, 'nope.txt'),
      file
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(
      /^mldebt: .*nope\.txt: cannot read dependency file \(ENOENT\)\n$/
    );
    write('pyproject.toml', '[project\n');
    const bad = await cli(
      'check',
      '--requirements',
      path.join(dir, 'pyproject.toml'),
      file
    );
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    expect(bad.err).toContain('pyproject.toml: not valid TOML');
  });

  it('a malformed dependency file fails its notebooks alone, with a one-line error', async () => {
    fs.mkdirSync(path.join(dir, 'repo', 'good', '.git'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'repo', 'bad', '.git'), { recursive: true });
    write('repo/good/requirements.txt', 'pandas\n');
    write('repo/bad/package.json', '{');
    const good = write('repo/good/a.ipynb', imports);
    const bad = write('repo/bad/b.ipynb', imports);
    const r = await cli('check', '--select', 'undeclared-package', good, bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain('b.ipynb: package.json: not valid JSON');
    expect(r.out).toContain(
      'a.ipynb:cell 1:2:8: undeclared-package `lightgbm`'
    );
  });
});

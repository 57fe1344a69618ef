import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Engine } from '../core/engine';
import { manifestEntries } from '../core/report/manifest-entries';
import { VERSION } from '../core/version';
import { run } from '../cli/main';
import { RULES } from '../rules';
import { notebook } from '../testing/notebook';
import { buildReport, reportPath, serialiseNotebook } from './report';

const nb = notebook([
  'import pandas as pd',
  'df = pd.read_csv("data/train.csv")\nkeep = df[df.score > 0.37]',
  'if False:\n    df.plot()'
]);

/** The report the lab builds for a notebook saved at `file`. */
function labReport(
  format: 'markdown' | 'json' | 'sarif',
  file: string
): string {
  const analysis = new Engine(RULES).analyse(nb, {});
  return buildReport(format, {
    path: file,
    language: analysis.language,
    findings: analysis.findings,
    sources: manifestEntries(analysis.model, {}),
    fileText: serialiseNotebook(nb)
  });
}

async function cliReport(format: string, file: string): Promise<string> {
  let out = '';
  await run(['check', '--format', format, file], {
    stdout: s => (out += s),
    stderr: () => undefined,
    interactive: false
  });
  return out;
}

describe('debt reports from JupyterLab', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mldebt-report-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('are saved beside the notebook', () => {
    expect(reportPath('work/exp 1/train.ipynb', 'markdown')).toBe(
      'work/exp 1/train.mldebt.md'
    );
    expect(reportPath('train.ipynb', 'json')).toBe('train.mldebt.json');
    expect(reportPath('train.ipynb', 'sarif')).toBe('train.mldebt.sarif');
  });

  it.each(['markdown', 'json', 'sarif'] as const)(
    'have the same %s content as `mldebt check` on the saved file',
    async format => {
      const file = path.join(dir, 'train.ipynb');
      fs.writeFileSync(file, serialiseNotebook(nb));
      expect(labReport(format, file)).toBe(await cliReport(format, file));
    }
  );

  it('point SARIF lines into the notebook file as Jupyter writes it', () => {
    const text = serialiseNotebook(nb);
    const sarif = JSON.parse(labReport('sarif', 'train.ipynb'));
    const lines = text.split('\n');
    const result = sarif.runs[0].results.find(
      (r: any) => r.ruleId === 'magic-number-comparison'
    );
    const line = result.locations[0].physicalLocation.region.startLine;
    expect(lines[line - 1]).toContain('df.score > 0.37');
  });

  it('serialise notebooks with sorted keys and sources as lines', () => {
    const text = serialiseNotebook({
      b: 1,
      a: { d: 2, c: 3 },
      cells: [{ source: 'x\ny' }]
    });
    expect(text).toBe(
      '{\n "a": {\n  "c": 3,\n  "d": 2\n },\n "b": 1,\n "cells": [\n  {\n   "source": [\n    "x\\n",\n    "y"\n   ]\n  }\n ]\n}\n'
    );
  });
});

describe('the package version', () => {
  it('matches package.json', () => {
    const pkg = JSON.parse(
      fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')
    );
    expect(VERSION).toBe(pkg.version);
  });
});

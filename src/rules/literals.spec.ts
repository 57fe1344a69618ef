import * as fs from 'fs';
import * as path from 'path';
import { FactsCache } from '../core/facts';
import { NotebookModel } from '../core/model';
import { notebookLanguage, parseNotebookText } from '../core/notebook';
import { INotebookInput } from '../core/types';
import { notebook } from '../testing/notebook';
import { RULES } from './index';
import {
  comparisonSites,
  hyperparameterSites,
  IComparisonOptions,
  IHyperparameterOptions,
  ILiteralSite
} from './literals';

const optionsOf = (id: string): Record<string, any> => {
  const rule = RULES.find(r => r.meta.id === id)!;
  return Object.fromEntries(
    Object.entries(rule.meta.options).map(([k, o]) => [k, o.default])
  );
};
const comparisons = optionsOf('magic-number-comparison') as IComparisonOptions;
const hyper = optionsOf('literal-hyperparameter') as IHyperparameterOptions;

/** Each kind of site found alone, on facts of their own, and by the walk that finds both. */
function bothWays(nb: INotebookInput): {
  alone: ILiteralSite[][][];
  together: ILiteralSite[][][];
} {
  const language = notebookLanguage(nb);
  const lang =
    language.supported && language.language === 'javascript'
      ? 'javascript'
      : 'python';
  const aloneModel = new NotebookModel(nb, lang, new FactsCache());
  const togetherModel = new NotebookModel(nb, lang, new FactsCache());
  const alone = aloneModel.codeCells.map(c => [
    comparisonSites(aloneModel, c, comparisons),
    hyperparameterSites(aloneModel, c, hyper)
  ]);
  const together = togetherModel.codeCells.map(c => [
    comparisonSites(togetherModel, c, comparisons, hyper),
    hyperparameterSites(togetherModel, c, hyper)
  ]);
  return { alone, together };
}

describe('literal sites', () => {
  it('finds hyperparameters where the comparison walk skips loop bounds', () => {
    const nb = notebook([
      'while trainer.step(lr=0.1) < 100:\n    pass\nelse:\n    fit(epochs=20)',
      'for batch in data:\n    if train_step(model, batch_size=64) > 0.9:\n        break\n    fit(batch, learning_rate=0.01)'
    ]);
    const { alone, together } = bothWays(nb);
    expect(together).toEqual(alone);
    const [loop, cutoff] = alone;
    // Loop bounds are not thresholds, but the calls in them are still read.
    expect(loop[0]).toEqual([]);
    expect(loop[1].map(s => s.raw)).toEqual(['0.1', '20']);
    expect(cutoff[0]).toEqual([]);
    expect(cutoff[1].map(s => s.raw)).toEqual(['64', '0.01']);
  });

  it('finds the same sites in one walk as in two, on every rule fixture', () => {
    const dir = path.join(__dirname, 'fixtures');
    const files = fs.readdirSync(dir).filter(f => f.endsWith('.ipynb'));
    expect(files.length).toBeGreaterThan(20);
    let sites = 0;
    for (const f of files) {
      const nb = parseNotebookText(fs.readFileSync(path.join(dir, f), 'utf8'));
      const { alone, together } = bothWays(nb);
      expect([f, together]).toEqual([f, alone]);
      sites += alone.flat(2).length;
    }
    expect(sites).toBeGreaterThan(20);
  });
});

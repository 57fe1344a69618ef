/** The generated notebook both benchmarks measure: 1,000 cells of typical ML code with debt in it. */
import type { INotebookInput } from '../src/core/types';

/** Cells that repeat through the notebook, each with a finding or two. */
const TEMPLATES = [
  (i: number) => `import numpy as np\nx${i} = np.random.rand(100)`,
  (i: number) =>
    `if False:\n    old_${i} = train(X, y)\nmask_${i} = df[df.score > 0.${(i % 9) + 1}5]`,
  (i: number) => `def helper_${i}(a, b=2):\n    return a * b\n    print(a)`,
  (i: number) =>
    `model_${i} = fit(X_train, y_train, lr=0.01, epochs=10)\n# model_${i} = fit(X, y)\nres_${i} = model_${i}.score(X_test, y_test)`,
  (i: number) =>
    `df_${i} = pd.read_csv("data/part_${i}.csv")\ndf_${i} = df_${i}.dropna()\ndf_${i}.head()`
];

export function generatedNotebook(cells: number): INotebookInput {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { kernelspec: { name: 'python3', language: 'python' } },
    cells: Array.from({ length: cells }, (_, i) => ({
      cell_type: 'code' as const,
      id: `g${i}`,
      source: TEMPLATES[i % TEMPLATES.length](i),
      metadata: {},
      execution_count: null
    }))
  };
}

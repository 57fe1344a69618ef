/** undeclared-data: outputs written without being declared (undeclared consumers). */
import { IRule } from '../core/rule';
import { DATA_KEYED, manifestFor, quoted } from './data';

export const undeclaredWrite: IRule = {
  meta: {
    id: 'undeclared-write',
    family: 'undeclared-data',
    severity: 'warning',
    title: 'Undeclared data output',
    description:
      'A write of data (`to_csv`/`to_parquet`/…, `np.save`, `joblib.dump`, `torch.save`, `model.save`, `open(…, "w")`, `fs.writeFileSync`) whose target is not declared in the notebook\'s `mldebt.outputs` metadata or the `declaredOutputs` setting. Figures (`savefig`) are not data outputs. Off by default.',
    rationale:
      "Files a notebook writes become inputs of someone else's work: undeclared outputs create undeclared consumers that break silently when the notebook changes.",
    corpus:
      'Off by default; when enabled, 33 findings on the corpus (model saves, `to_csv`, TFRecord writes), judged correct for a notebook that declares outputs.',
    paper: '§2 Undeclared Consumers',
    options: {},
    defaultEnabled: false,
    examples: {
      bad: [
        { code: 'df.to_parquet("data/features.parquet")' },
        { code: 'import joblib\njoblib.dump(model, "models/churn.pkl")' }
      ],
      good: [{ code: 'plt.savefig("fig.png")' }]
    }
  },
  keyed: DATA_KEYED,
  check(ctx) {
    for (const s of manifestFor(ctx)) {
      if (s.kind !== 'write' || s.declared || !s.resolved) {
        continue;
      }
      ctx.report({
        cell: s.cell,
        from: s.from,
        to: s.to,
        message: `\`${s.reader}\` writes ${quoted(s)}, which this notebook does not declare as an output: declare it so its consumers are known.`,
        declare: { kind: 'output', source: s.source }
      });
    }
  }
};

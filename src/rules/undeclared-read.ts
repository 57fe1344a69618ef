/** undeclared-data: reads of files, URLs and tables the notebook does not declare. */
import { IRule } from '../core/rule';
import { DATA_KEYED, EXTRA_READERS_OPTION, manifestFor, quoted } from './data';

export const undeclaredRead: IRule = {
  meta: {
    id: 'undeclared-read',
    family: 'undeclared-data',
    severity: 'warning',
    general: true,
    title: 'Undeclared data read',
    description:
      'A call that reads data (pandas/polars `read_*`, numpy loads, `open()` for reading, `Path.read_text`, joblib/torch/keras model loads, `tf.data` files, `datasets.load_dataset`, Spark, h5py, xarray, PIL, OpenCV, imageio, `glob`, SQL connections, `requests.get`, `urlretrieve`, `get_file`, `gdown`, `sklearn.datasets.fetch_*`, datasets and models fetched by name (torchvision/torchtext datasets with `download=True`, `keras.datasets.*.load_data()`, `tfds.load`, `clip.load`, `torch.hub.load`, `timm.create_model`, `seaborn.load_dataset`, `nltk.download`, ISLP-style `load_data("Name")`: the name is the source), `from_pretrained`, TF-Hub handles, and Spark readers (`spark.read.format(…).option(…).load(PATH)` reports PATH, not the format); `fs.readFileSync`, `fetch`, `d3.csv` in JavaScript) whose source is not declared. Declared means: built only from names of the `parameters` cell, or matching the notebook\'s `mldebt.inputs` metadata or the `declaredInputs` setting (paths, globs with `*`/`**`, URL prefixes). Values are traced through simple assignments across cells. Offers "Declare input", which adds the source to the notebook\'s metadata.',
    rationale:
      'A notebook that quietly reads `/home/alice/train_v3.csv` or a URL depends on data nobody declared, versioned or can reproduce: data dependencies cost more than code dependencies.',
    corpus:
      'Reviewed 2026-12-02, every finding on ../shared/corpus (tests/review/undeclared-read.tsv): 88 findings, 84 true, 2 false, 2 debatable; precision 0.98 over the judged ones. The same source read in several cells is one finding. The 2 false ones are files the notebook writes itself in a way the manifest does not see (a `np.memmap` and a checkpoint callback).',
    paper:
      '§3 Data Dependencies Cost More than Code Dependencies; §2 Undeclared Consumers',
    options: { extraReaders: EXTRA_READERS_OPTION },
    examples: {
      bad: [
        {
          code: 'import pandas as pd\ndf = pd.read_csv("data/churn_2023.csv")'
        },
        {
          code: 'path = "data/x.csv"\nwith open(path) as fh:\n    rows = fh.readlines()'
        },
        {
          code: 'import requests\nr = requests.get("https://example.com/data.json")'
        },
        {
          code: 'const raw = fs.readFileSync("data/train.csv", "utf8");',
          language: 'javascript'
        }
      ],
      good: [
        {
          code: 'df = pd.read_parquet(TRAIN_PATH)',
          cells: [
            {
              source: 'TRAIN_PATH = "data/train.parquet"',
              tags: ['parameters']
            },
            { source: 'import pandas as pd\ndf = pd.read_parquet(TRAIN_PATH)' }
          ]
        },
        {
          code: 'df = pd.read_csv(f"{DATA_DIR}/valid.csv")',
          cells: [
            { source: 'DATA_DIR = "data"', tags: ['parameters'] },
            {
              source:
                'import pandas as pd\ndf = pd.read_csv(f"{DATA_DIR}/valid.csv")'
            }
          ]
        },
        {
          code: 'print("pd.read_csv(\'x.csv\')")\n# df = pd.read_csv("y.csv")',
          note: 'a string and a comment are not reads'
        }
      ]
    }
  },
  keyed: DATA_KEYED,
  check(ctx) {
    for (const s of manifestFor(ctx)) {
      if (
        s.kind === 'write' ||
        s.shell ||
        s.declared ||
        !s.resolved ||
        s.producedHere
      ) {
        continue;
      }
      ctx.report({
        cell: s.cell,
        from: s.from,
        to: s.to,
        message: `\`${s.reader}\` reads ${quoted(s)}, which this notebook does not declare: build the path from a name in the \`parameters\` cell, or declare it as an input.`,
        declare: { kind: 'input', source: s.source },
        // The same source read again elsewhere is one input to declare.
        group: s.source
      });
    }
  }
};

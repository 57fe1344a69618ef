/**
 * The table of calls that read or write data, and where their source is.
 * Names are qualified (import aliases resolved): `pd.read_csv` → `pandas.read_csv`.
 */
import { dottedName, Expr, IArg } from '../ast';
import { BoundedMemo } from '../memo';
import { NotebookModel } from '../model';

export type DataKind = 'read' | 'write' | 'download';

export interface IReaderMatch {
  kind: DataKind;
  /** A short name for messages: `pd.read_csv`, `open`, `torch.load`. */
  reader: string;
  /** The expression naming the source, if the call has one. */
  source: Expr | null;
  /** Keyword arguments, to look for versions and modes. */
  call: Expr & { type: 'Call' };
  /** Remote by nature (a hub or a download), whatever the source text. */
  remote?: boolean;
  /**
   * A dataset or model fetched by name with no path argument
   * (`keras.datasets.mnist.load_data()`): this text is the source.
   */
  name?: string;
}

const PATH_KEYWORDS = [
  'filepath_or_buffer',
  'path_or_buf',
  'path',
  'file',
  'fname',
  'filename',
  'io',
  'source',
  'url',
  'uri',
  'root',
  'pattern',
  'pathname',
  'database',
  'name_or_path',
  'pretrained_model_name_or_path',
  'path_or_paths',
  'filenames'
];

function keyword(call: Expr & { type: 'Call' }, names: string[]): Expr | null {
  for (const a of call.args) {
    if (a.name && names.includes(a.name)) {
      return a.value;
    }
  }
  return null;
}

function positional(call: Expr & { type: 'Call' }, index: number): Expr | null {
  const args = call.args.filter((a: IArg) => !a.name && !a.star);
  return args[index]?.value ?? null;
}

/** The path argument: a path keyword, else the positional at `index`. */
function pathArg(
  call: Expr & { type: 'Call' },
  index = 0,
  keywords = PATH_KEYWORDS
): Expr | null {
  return keyword(call, keywords) ?? positional(call, index);
}

/** The mode of `open(path, mode)`: reading unless it has w, a or x. */
function openMode(call: Expr & { type: 'Call' }): DataKind {
  const mode = keyword(call, ['mode']) ?? positional(call, 1);
  if (
    mode &&
    mode.type === 'Str' &&
    mode.value !== null &&
    /[wax]/.test(mode.value)
  ) {
    return 'write';
  }
  return 'read';
}

const READ_FUNCTIONS: [RegExp, number?][] = [
  [
    /^pandas\.read_(csv|parquet|json|excel|feather|pickle|sql|sql_query|sql_table|table|hdf|orc|fwf|html|xml|stata|sas|spss|clipboard)$/
  ],
  [/^polars\.(read|scan)_\w+$/],
  [/^numpy\.(load|loadtxt|genfromtxt|fromfile|memmap)$/],
  [/^(joblib|torch|dill|cloudpickle)\.load$/],
  [/^(tensorflow\.keras|keras|tf\.keras)\.models\.load_model$/],
  [
    /^(tensorflow|tf)\.data\.(TextLineDataset|TFRecordDataset|experimental\.make_csv_dataset)$/
  ],
  [/^(tensorflow|tf)\.data\.Dataset\.list_files$/],
  [/^datasets\.load_dataset$/],
  [/^h5py\.File$/],
  [/^xarray\.(open_dataset|open_mfdataset|open_dataarray|open_zarr)$/],
  [/^PIL\.Image\.open$/],
  [/^cv2\.imread$/],
  [/^imageio(\.v\d)?\.(imread|mimread|volread)$/],
  [/^(glob\.glob|glob\.iglob)$/],
  [/^sqlite3\.connect$/],
  [/^sqlalchemy\.create_engine$/],
  [/^(tensorflow_hub|hub)\.(KerasLayer|load)$/],
  [/^torch_geometric\.datasets\.\w+$/],
  [
    /^(scipy\.io\.loadmat|scipy\.io\.wavfile\.read|soundfile\.read|librosa\.load|nibabel\.load|geopandas\.read_file)$/
  ]
];

/** Loaders that fetch a named dataset or model: the first argument names it. */
const NAMED_LOADERS =
  /^(tensorflow_datasets\.(load|builder)|clip\.load|open_clip\.create_model_and_transforms|torch\.hub\.load|seaborn\.load_dataset|gensim\.downloader\.load|kagglehub\.(dataset|model)_download|ISLP\.load_data|nltk\.download|openml\.datasets\.get_dataset|timm\.create_model)$/;

/** Dataset and embedding classes that download themselves: the class is the source. */
const SELF_DOWNLOADING =
  /^(torchvision\.datasets|torchtext\.datasets|torchaudio\.datasets)\.\w+$|^torchtext\.vocab\.(GloVe|FastText|CharNGram|Vectors)$/;

/** The Spark reader methods that take the path (`spark.read….load(PATH)`). */
const SPARK_TERMINAL = /^(load|csv|json|parquet|orc|text|table|jdbc|avro)$/;

/**
 * `spark.read.format(F).option(K, V).load(PATH)` and `spark.read.csv(PATH)`:
 * when the call ends a chain that starts at a `.read`/`.readStream`, the
 * chain's `.option("path", X)` (for `.load()` without a path), else null.
 */
function sparkReadChain(
  call: Expr & { type: 'Call' }
): { optionPath: Expr | null } | null {
  if (call.callee.type !== 'Attr' || !SPARK_TERMINAL.test(call.callee.attr)) {
    return null;
  }
  let optionPath: Expr | null = null;
  let e: Expr = call.callee.object;
  for (let depth = 0; depth < 50; depth++) {
    if (e.type === 'Attr') {
      if (e.attr === 'read' || e.attr === 'readStream') {
        return { optionPath };
      }
      e = e.object;
    } else if (
      e.type === 'Call' &&
      e.callee.type === 'Attr' &&
      /^(format|option|options|schema)$/.test(e.callee.attr)
    ) {
      const [key, value] = e.args;
      if (
        e.callee.attr === 'option' &&
        value &&
        key.value.type === 'Str' &&
        key.value.value === 'path'
      ) {
        // Walking outwards: the first met is the last set, the one Spark uses.
        optionPath ??= value.value;
      }
      e = e.callee.object;
    } else {
      return null;
    }
  }
  return null;
}

const DOWNLOADS: RegExp[] = [
  /^requests\.get$/,
  /^urllib\.request\.(urlopen|urlretrieve)$/,
  /^(gdown\.download|wget\.download)$/,
  /^sklearn\.datasets\.fetch_\w+$/
];

type QualifiedClass =
  | 'open'
  | 'read'
  | 'named'
  | 'self-downloading'
  | 'keras-dataset'
  | 'download'
  | 'get-file'
  | 'tf-write'
  | 'numpy-write'
  | 'dump'
  | null;

/** What a qualified callee name is to `matchReader`, tested in its order. */
function classifyQualified(q: string): QualifiedClass {
  if (q === 'open' || q === 'io.open' || q === 'codecs.open') {
    return 'open';
  }
  if (READ_FUNCTIONS.some(([re]) => re.test(q))) {
    return 'read';
  }
  if (NAMED_LOADERS.test(q)) {
    return 'named';
  }
  if (SELF_DOWNLOADING.test(q)) {
    return 'self-downloading';
  }
  if (/^((tensorflow\.)?keras|tf\.keras)\.datasets\.\w+\.load_data$/.test(q)) {
    return 'keras-dataset';
  }
  if (DOWNLOADS.some(re => re.test(q))) {
    return 'download';
  }
  if (
    /(^|\.)(tensorflow\.)?keras\.utils\.get_file$|^tf\.keras\.utils\.get_file$/.test(
      q
    )
  ) {
    return 'get-file';
  }
  if (
    /^(tensorflow|tf)\.io\.(TFRecordWriter|write_file)$|^(tensorflow|tf)\.data\.experimental\.TFRecordWriter$/.test(
      q
    )
  ) {
    return 'tf-write';
  }
  if (/^numpy\.(save|savez|savez_compressed|savetxt)$/.test(q)) {
    return 'numpy-write';
  }
  if (/^(joblib|torch|dill)\.(dump|save)$/.test(q)) {
    return 'dump';
  }
  return null;
}

/**
 * `classifyQualified`, memoised: a notebook calls the same few hundred names
 * over and over, and each used to run some thirty regular expressions.
 */
const qualifiedClasses = new BoundedMemo<QualifiedClass>();

function qualifiedClass(q: string): QualifiedClass {
  return qualifiedClasses.get(q, () => classifyQualified(q));
}

/** Finds whether a call reads or writes data, and which argument names the source. */
export function matchReader(
  model: NotebookModel,
  call: Expr & { type: 'Call' },
  extraReaders: string[]
): IReaderMatch | null {
  const qualified = model.resolve(call.callee) ?? '';
  const dotted = dottedName(call.callee) ?? '';
  const method = call.callee.type === 'Attr' ? call.callee.attr : '';
  const short = dotted || qualified || `.${method}`;
  const js = call.isNew !== undefined;
  if (js) {
    if (
      /^(fs|fs\.promises|fsPromises)\.(readFileSync|readFile|createReadStream)$/.test(
        qualified
      ) ||
      /^Deno\.(readTextFile|readFile|readTextFileSync|readFileSync)$/.test(
        qualified
      ) ||
      /^d3\.(csv|json|tsv|text)$/.test(qualified)
    ) {
      return { kind: 'read', reader: short, source: positional(call, 0), call };
    }
    if (qualified === 'fetch') {
      return {
        kind: 'download',
        reader: 'fetch',
        source: positional(call, 0),
        call,
        remote: true
      };
    }
    if (/^fs\.(writeFileSync|writeFile|createWriteStream)$/.test(qualified)) {
      return {
        kind: 'write',
        reader: short,
        source: positional(call, 0),
        call
      };
    }
    return null;
  }
  const cls = qualifiedClass(qualified);
  if (cls === 'open') {
    return {
      kind: openMode(call),
      reader: 'open',
      source: pathArg(call, 0, ['file', 'filename']),
      call
    };
  }
  if (extraReaders.includes(qualified) || extraReaders.includes(dotted)) {
    return { kind: 'read', reader: short, source: pathArg(call), call };
  }
  switch (cls) {
    case 'read':
      return {
        kind: 'read',
        reader: short,
        source: pathArg(call),
        call,
        remote: /(hub|datasets\.load_dataset)/.test(qualified)
      };
    case 'named': {
      const source = pathArg(call, 0, [
        'name',
        'repo_or_dir',
        'handle',
        'dataset_id',
        'info_or_id',
        'model_name'
      ]);
      return {
        kind: 'read',
        reader: short,
        source,
        call,
        remote: true,
        ...(source ? {} : { name: qualified })
      };
    }
    case 'self-downloading': {
      // With `download=True` the class fetches its data: the dataset is the
      // source. Without, it reads its `root` folder.
      const downloads =
        isTrue(keyword(call, ['download'])) || /^torchtext\./.test(qualified);
      return downloads
        ? {
            kind: 'read',
            reader: short,
            source: null,
            call,
            remote: true,
            name: qualified
          }
        : { kind: 'read', reader: short, source: pathArg(call), call };
    }
    case 'keras-dataset':
      // `keras.datasets.mnist.load_data()`: the dataset module is the source.
      return {
        kind: 'read',
        reader: short,
        source: null,
        call,
        remote: true,
        name: qualified.replace(/\.load_data$/, '')
      };
    case 'download': {
      const fetch = /^sklearn\.datasets\.fetch_/.test(qualified);
      return {
        kind: 'download',
        reader: short,
        source: fetch ? null : pathArg(call),
        call,
        remote: true
      };
    }
    case 'get-file':
      return {
        kind: 'download',
        reader: short,
        source:
          keyword(call, ['origin']) ??
          positional(call, 1) ??
          positional(call, 0),
        call,
        remote: true
      };
    default:
      break;
  }
  const spark = sparkReadChain(call);
  if (spark) {
    return {
      kind: 'read',
      reader: `spark.read.${method}`,
      source: pathArg(call) ?? spark.optionPath,
      call
    };
  }
  if (/(^|\.)spark\.table$/.test(dotted)) {
    return { kind: 'read', reader: short, source: pathArg(call), call };
  }
  // `Path("x.csv").read_text()`: the source is the Path's argument.
  if (
    (method === 'read_text' || method === 'read_bytes' || method === 'open') &&
    call.callee.type === 'Attr'
  ) {
    const obj = call.callee.object;
    if (
      obj.type === 'Call' &&
      /^(pathlib\.)?(Path|PurePath|PosixPath)$/.test(
        model.resolve(obj.callee) ?? ''
      )
    ) {
      return {
        kind: method === 'open' ? openMode(call) : 'read',
        reader: `Path.${method}`,
        source: positional(obj, 0),
        call
      };
    }
  }
  if (
    method === 'load_weights' ||
    method === 'load_model' ||
    method === 'load_state_dict_from_url'
  ) {
    return { kind: 'read', reader: `.${method}`, source: pathArg(call), call };
  }
  if (method === 'from_pretrained') {
    return {
      kind: 'read',
      reader: `${short.split('.').slice(-2).join('.')}`,
      source: pathArg(call, 0),
      call,
      remote: true
    };
  }
  // Writes.
  if (
    /^to_(csv|parquet|json|excel|feather|pickle|hdf|orc|stata|xml|latex|html|sql)$/.test(
      method
    ) &&
    call.callee.type === 'Attr' &&
    !/^(pandas|pd)$/.test(dotted.split('.')[0])
  ) {
    return {
      kind: 'write',
      reader: `.${method}`,
      source: pathArg(call, 0, [
        'path_or_buf',
        'path',
        'excel_writer',
        'name',
        'buf'
      ]),
      call
    };
  }
  if (cls === 'tf-write') {
    return {
      kind: 'write',
      reader: short,
      source: pathArg(call, 0, ['path', 'filename']),
      call
    };
  }
  if (cls === 'numpy-write') {
    return {
      kind: 'write',
      reader: short,
      source: pathArg(call, 0, ['file', 'fname']),
      call
    };
  }
  if (cls === 'dump') {
    return {
      kind: 'write',
      reader: short,
      source: pathArg(call, 1, ['filename', 'f']),
      call
    };
  }
  if (
    (method === 'save' ||
      method === 'save_weights' ||
      method === 'save_model' ||
      method === 'save_pretrained') &&
    call.callee.type === 'Attr' &&
    !/savefig/.test(method)
  ) {
    const src = pathArg(call, 0, [
      'filepath',
      'path',
      'fname',
      'save_directory'
    ]);
    return src
      ? { kind: 'write', reader: `.${method}`, source: src, call }
      : null;
  }
  return null;
}

function isTrue(e: Expr | null): boolean {
  return !!e && e.type === 'Bool' && e.value;
}

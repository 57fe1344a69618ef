/**
 * Which distributions provide an importable module, for the common cases
 * where the import name is not the name on the package index (or conda).
 */

/** Top-level import name → distributions that provide it (any one declares it). */
const PROVIDERS: Record<string, string[]> = {
  sklearn: ['scikit-learn', 'sklearn'],
  skimage: ['scikit-image'],
  skopt: ['scikit-optimize'],
  cv2: [
    'opencv-python',
    'opencv-python-headless',
    'opencv-contrib-python',
    'opencv-contrib-python-headless',
    'opencv',
    'py-opencv'
  ],
  PIL: ['pillow', 'PIL'],
  yaml: ['pyyaml'],
  bs4: ['beautifulsoup4', 'bs4'],
  dotenv: ['python-dotenv'],
  dateutil: ['python-dateutil'],
  jose: ['python-jose'],
  magic: ['python-magic'],
  docx: ['python-docx'],
  pptx: ['python-pptx'],
  Levenshtein: ['python-Levenshtein', 'levenshtein'],
  slugify: ['python-slugify'],
  multipart: ['python-multipart'],
  torch: ['torch', 'pytorch', 'pytorch-cpu', 'pytorch-gpu'],
  tensorflow: [
    'tensorflow',
    'tensorflow-cpu',
    'tensorflow-gpu',
    'tensorflow-macos',
    'tf-nightly'
  ],
  tensorflow_datasets: ['tensorflow-datasets'],
  tensorflow_hub: ['tensorflow-hub'],
  tensorflow_addons: ['tensorflow-addons'],
  tensorflow_probability: ['tensorflow-probability'],
  keras: [
    'keras',
    'tensorflow',
    'tensorflow-cpu',
    'tensorflow-gpu',
    'tensorflow-macos'
  ],
  tf_keras: ['tf-keras'],
  mpl_toolkits: ['matplotlib', 'basemap'],
  pylab: ['matplotlib'],
  google: ['protobuf', 'google-api-python-client', 'google-auth'],
  googleapiclient: ['google-api-python-client'],
  OpenSSL: ['pyopenssl'],
  Crypto: ['pycryptodome', 'pycrypto'],
  jwt: ['pyjwt'],
  serial: ['pyserial'],
  usb: ['pyusb'],
  win32api: ['pywin32'],
  win32com: ['pywin32'],
  attr: ['attrs'],
  pkg_resources: ['setuptools'],
  setuptools: ['setuptools'],
  Bio: ['biopython'],
  fitz: ['pymupdf'],
  gi: ['pygobject'],
  git: ['gitpython'],
  github: ['pygithub'],
  jinja2: ['jinja2', 'Jinja2'],
  lightgbm: ['lightgbm'],
  MySQLdb: ['mysqlclient'],
  psycopg2: ['psycopg2', 'psycopg2-binary'],
  sqlalchemy: ['sqlalchemy'],
  umap: ['umap-learn'],
  imblearn: ['imbalanced-learn', 'imblearn'],
  hdbscan: ['hdbscan'],
  igraph: ['python-igraph', 'igraph'],
  community: ['python-louvain'],
  faiss: ['faiss-cpu', 'faiss-gpu', 'faiss'],
  sentence_transformers: ['sentence-transformers'],
  huggingface_hub: ['huggingface-hub'],
  llama_cpp: ['llama-cpp-python'],
  duckduckgo_search: ['duckduckgo-search'],
  speech_recognition: ['SpeechRecognition'],
  telegram: ['python-telegram-bot'],
  discord: ['discord.py'],
  zmq: ['pyzmq'],
  lxml: ['lxml'],
  graphviz: ['graphviz', 'python-graphviz'],
  pydot: ['pydot'],
  tqdm: ['tqdm'],
  osgeo: ['gdal'],
  shapefile: ['pyshp'],
  xgboost: ['xgboost', 'py-xgboost'],
  IPython: ['ipython'],
  ipywidgets: ['ipywidgets'],
  pandas_datareader: ['pandas-datareader'],
  statsmodels: ['statsmodels'],
  wordcloud: ['wordcloud'],
  ruamel: ['ruamel.yaml'],
  kaggle_environments: ['kaggle-environments'],
  jax: ['jax', 'jaxlib'],
  flax: ['flax'],
  mx: ['mxnet'],
  gym: ['gym', 'gymnasium'],
  pytorch_lightning: ['pytorch-lightning', 'lightning'],
  lightning: ['lightning', 'pytorch-lightning'],
  detectron2: ['detectron2'],
  whisper: ['openai-whisper'],
  clip: ['openai-clip', 'clip', 'clip-anytorch'],
  haiku: ['dm-haiku'],
  tree: ['dm-tree'],
  absl: ['absl-py'],
  sounddevice: ['sounddevice'],
  pyspark: ['pyspark'],
  ISLP: ['ISLP']
};

/** Namespace packages whose distribution is named by the first two parts. */
const NAMESPACES = /^(google\.cloud|azure|azureml)(\.|$)/;

/** A namespace package root (`google.cloud`): `from google.cloud import storage` imports `google.cloud.storage`. */
export function isNamespaceRoot(module: string): boolean {
  return /^(google\.cloud|azure|azureml)$/.test(module);
}

/**
 * Modules the kernel itself provides or a notebook platform injects: an
 * ipykernel notebook always has IPython, and Colab/Kaggle helpers exist only
 * where they run (reporting them would ask to declare the platform).
 */
export const ENVIRONMENT_MODULES: ReadonlySet<string> = new Set([
  'IPython',
  'ipykernel',
  'google.colab',
  'kaggle_secrets',
  'kaggle_datasets',
  'kaggle_web_client',
  'dbutils',
  'pyodide',
  'js',
  'micropip',
  'piplite',
  'notebookutils',
  'mssparkutils'
]);

/** Distributions (any one suffices) that provide `module` (a dotted name). */
export function providers(module: string): string[] {
  const parts = module.split('.');
  const top = parts[0];
  const namespace = NAMESPACES.exec(module);
  if (namespace && parts.length >= 2) {
    // `google.cloud.storage` → google-cloud-storage, `azure.storage.blob` → azure-storage-blob
    const depth = top === 'google' ? 3 : Math.min(parts.length, 3);
    const name = parts.slice(0, Math.min(depth, parts.length)).join('-');
    return [name, parts.slice(0, 2).join('-'), top];
  }
  return [...new Set([...(PROVIDERS[top] ?? []), top])];
}

/** The distribution to suggest declaring for `module`. */
export function suggestedDistribution(module: string): string {
  return providers(module)[0];
}

/** `module` or one of its parents is provided by the environment. */
export function isEnvironmentModule(module: string): boolean {
  const parts = module.split('.');
  for (let i = 1; i <= parts.length; i++) {
    if (ENVIRONMENT_MODULES.has(parts.slice(0, i).join('.'))) {
      return true;
    }
  }
  return false;
}

/** The analysis worker's script, bundled by `scripts/build-cli.mjs`. */
declare const source: string;
export default source;

/** The package version, written from package.json by scripts/sync-version.mjs; a test keeps them equal. */
export const VERSION = '0.1.0';

/** Reads `[tool.mldebt]` from the nearest pyproject.toml and `--config` files. */
import * as fs from 'fs';
import * as path from 'path';
import { parse as parseToml } from 'smol-toml';
import { ConfigError, IMldebtConfig, normaliseConfig } from '../core/config';
import { IRule } from '../core/rule';

/** Reads a JSON or TOML configuration file (a pyproject's `[tool.mldebt]` too). */
export function readConfigFile(
  file: string,
  rules: readonly IRule[]
): IMldebtConfig {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new ConfigError(
      `${file}: cannot read configuration (${(e as NodeJS.ErrnoException).code ?? 'error'})`
    );
  }
  let data: unknown;
  try {
    data = file.endsWith('.json') ? JSON.parse(text) : parseToml(text);
  } catch (e) {
    throw new ConfigError(
      `${file}: invalid ${file.endsWith('.json') ? 'JSON' : 'TOML'}: ${String((e as Error).message).split('\n')[0]}`
    );
  }
  if (
    path.basename(file) === 'pyproject.toml' ||
    (data as any)?.tool?.mldebt !== undefined
  ) {
    data = (data as any)?.tool?.mldebt ?? {};
  }
  try {
    return normaliseConfig(data, rules, true);
  } catch (e) {
    throw new ConfigError(`${file}: ${(e as Error).message}`);
  }
}

/** Finds the nearest pyproject.toml at or above a directory that has `[tool.mldebt]`. */
export class PyprojectFinder {
  private readonly cache = new Map<string, string | null>();

  find(dir: string): string | null {
    const abs = path.resolve(dir);
    if (this.cache.has(abs)) {
      return this.cache.get(abs)!;
    }
    const candidate = path.join(abs, 'pyproject.toml');
    let found: string | null = null;
    if (
      fs.existsSync(candidate) &&
      /^\s*\[tool\.mldebt(\.|\])/m.test(fs.readFileSync(candidate, 'utf8'))
    ) {
      found = candidate;
    } else {
      const parent = path.dirname(abs);
      found = parent === abs ? null : this.find(parent);
    }
    this.cache.set(abs, found);
    return found;
  }
}

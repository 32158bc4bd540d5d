/**
 * A connection's Lua commands are kept by name (store/script-command's defineScript), and the
 * stores define theirs only when the name is not taken yet (several stores share a connection). Two scripts under one name would make
 * the second store run the first one's script: each name must be defined once in the source.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const SRC = join(__dirname, '../../../src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? sourceFiles(path) : entry.name.endsWith('.ts') ? [path] : [];
  });
}

it('when the stores define their Lua commands, then no two share a name', () => {
  const definedIn = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    for (const match of readFileSync(file, 'utf8').matchAll(/defineScript\(\s*\w+,\s*'([A-Za-z0-9_]+)'/g)) {
      const name = match[1] as string;
      definedIn.set(name, [...(definedIn.get(name) ?? []), file.slice(SRC.length + 1)]);
    }
  }
  expect(definedIn.size).toBeGreaterThan(10);
  expect([...definedIn].filter(([, files]) => files.length > 1)).toEqual([]);
});

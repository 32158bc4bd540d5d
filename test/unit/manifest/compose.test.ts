/**
 * docker-compose.yml and the Dockerfile cannot be run here (no Docker engine in CI): check that
 * they parse and say what the README promises.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument } from 'yaml';

const ROOT = path.resolve(__dirname, '../../..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

interface Service {
  image?: string;
  build?: string | { context: string };
  command?: string | string[];
  volumes?: string[];
  healthcheck?: { test: string[] | string };
  env_file?: (string | { path: string; required?: boolean })[];
  environment?: Record<string, string> | string[];
  ports?: string[];
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  stop_grace_period?: string;
}
interface Compose {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

describe('docker-compose.yml', () => {
  const doc = parseDocument(read('docker-compose.yml'), { strict: true, uniqueKeys: true });
  const compose = doc.toJS() as Compose;
  const redis = compose.services.redis!;
  const app = compose.services.app!;
  const redisArgs = Array.isArray(redis.command) ? redis.command.join(' ') : (redis.command ?? '');

  it('is valid YAML', () => {
    expect(doc.errors.map(String)).toEqual([]);
    expect(doc.warnings.map(String)).toEqual([]);
    expect(Object.keys(compose.services).sort()).toEqual(['app', 'redis']);
  });

  it('runs Redis 7 with an append-only file, fsync every second and noeviction', () => {
    expect(redis.image).toBe('redis:7-alpine');
    expect(redisArgs).toMatch(/^redis-server /);
    expect(redisArgs).toMatch(/--appendonly yes\b/);
    expect(redisArgs).toMatch(/--appendfsync everysec\b/);
    expect(redisArgs).toMatch(/--maxmemory-policy noeviction\b/);
  });

  it('caps Redis memory (REDIS_MAXMEMORY, default 1gb), so that a full Redis refuses writes instead of being killed', () => {
    expect(redisArgs).toMatch(/--maxmemory \$\{REDIS_MAXMEMORY:-1gb\} /);
  });

  it('keeps Redis data in a named volume and health-checks Redis', () => {
    const volume = redis.volumes?.find((v) => v.endsWith(':/data'));
    expect(volume).toBeDefined();
    const name = volume!.split(':')[0]!;
    expect(compose.volumes).toHaveProperty(name);
    expect(redis.healthcheck?.test).toEqual(['CMD', 'redis-cli', 'ping']);
  });

  it('builds the app, which waits for a healthy Redis and uses it', () => {
    expect(app.build).toBe('.');
    expect(app.depends_on).toEqual({ redis: { condition: 'service_healthy' } });
    expect(app.environment).toEqual({ REDIS_URL: 'redis://redis:6379' });
    expect(app.env_file).toEqual([{ path: '.env', required: false }]);
    expect(app.ports).toEqual(['3000:3000']);
    expect(app.restart).toBe('unless-stopped');
    expect(app.stop_grace_period).toBe('30s');
  });

  it('health-checks the app on /readyz with node, and the check command is valid JavaScript', () => {
    const test = app.healthcheck?.test as string[];
    expect(test.slice(0, 3)).toEqual(['CMD', 'node', '-e']);
    expect(test[3]).toContain("'http://127.0.0.1:' + (process.env.PORT || 3000) + '/readyz'");
    expect(test[3]).not.toContain('$'); // nothing for Compose to interpolate
    expect(() => new Function(test[3]!)).not.toThrow();
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const stages = instructions.filter((l) => l.startsWith('FROM '));
  const last = instructions.slice(instructions.lastIndexOf(stages[stages.length - 1]!));

  it('builds in one stage and runs in another, both on Node 24 (Active LTS; Node 20 is past its end of life)', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:24-trixie-slim$/m);
    expect(instructions).toContain('RUN npm run build');
  });

  it("package.json engines admits the image's Node and the Node that runs these tests (CI)", () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    const floor = /^>=(\d+)\.(\d+)$/.exec(engines);
    expect(floor).not.toBeNull();
    const atLeast = (version: string) => {
      const [major, minor] = version.split('.').map(Number) as [number, number];
      return major > Number(floor![1]) || (major === Number(floor![1]) && minor >= Number(floor![2]));
    };
    expect(atLeast('24.0')).toBe(true);
    expect(atLeast(process.versions.node)).toBe(true);
  });

  it('runs dist/main.js as the node user with production dependencies only', () => {
    expect(last).toContainEqual(expect.stringMatching(/^RUN npm ci --omit=dev\b/));
    expect(last).toContain('USER node');
    expect(last).toContain('EXPOSE 3000');
    expect(last[last.length - 1]).toBe('CMD ["node", "dist/main.js"]');
  });

  it('health-checks /healthz with node, and its check command is valid JavaScript', () => {
    const healthcheck = last.find((l) => l.startsWith('HEALTHCHECK '));
    expect(healthcheck).toBeDefined();
    const exec = JSON.parse(healthcheck!.slice(healthcheck!.indexOf('CMD ') + 4)) as string[];
    expect(exec.slice(0, 2)).toEqual(['node', '-e']);
    expect(exec[2]).toContain("'http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz'");
    expect(() => new Function(exec[2]!)).not.toThrow();
  });

  it('.dockerignore keeps secrets, dependencies, build output and tests out of the image', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', 'dist', '.git', '.env', 'coverage', 'test']) expect(ignored).toContain(entry);
  });
});

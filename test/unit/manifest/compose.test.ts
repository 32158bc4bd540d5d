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

  it('builds in one stage and runs in another, both on Node 20', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(dockerfile).toMatch(/ARG NODE_IMAGE=node:20-bookworm-slim/);
    expect(instructions).toContain('RUN npm run build');
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

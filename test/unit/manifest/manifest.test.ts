/**
 * manifest.yml must create the Slack app as-is: it is validated against Slack's app manifest JSON
 * schema (v1.0.0, the one Slack applies to a manifest without `_metadata.major_version: 2`), kept
 * as a fixture so that this test needs nothing outside the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { CallbackId, Command } from '../../../src/slack/ids';

const ROOT = path.resolve(__dirname, '../../..');
const MANIFEST = path.join(ROOT, 'manifest.yml');
// The project's own copies of Slack's schemas (slackapi/manifest-schema v0.5.0).
const FIXTURE = path.join(ROOT, 'test/fixtures/slack-manifest.schema.json');
const FIXTURE_V2 = path.join(ROOT, 'test/fixtures/slack-manifest.schema.2.0.0.json');
const FIXTURE_ROUTER = path.join(ROOT, 'test/fixtures/slack-manifest.schema.router.json');
// The development workspace also has the schemas in ../shared; where it does, the copies must match.
const SHARED_DIR = path.resolve(__dirname, '../../../../shared/slack/manifest-schema');
const SHARED_COPIES: [string, string][] = [
  [FIXTURE, 'manifest.schema.1.0.0.json'],
  [FIXTURE_V2, 'manifest.schema.2.0.0.json'],
  [FIXTURE_ROUTER, 'manifest.schema.json'],
];

type Json = Record<string, unknown>;
// Loose view of the parts of the manifest the assertions look at.
interface Manifest {
  display_information: { name?: string; description?: string; long_description?: string; background_color?: string };
  features: {
    app_home: { home_tab_enabled: boolean; messages_tab_enabled: boolean };
    bot_user: { display_name: string; always_online: boolean };
    shortcuts: { name: string; type: string; callback_id: string; description: string }[];
    slash_commands: { command: string; usage_hint?: string; should_escape?: boolean; url?: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions: { bot_events: string[]; request_url?: string };
    interactivity: { is_enabled: boolean; request_url?: string };
    socket_mode_enabled: boolean;
    org_deploy_enabled: boolean;
    token_rotation_enabled: boolean;
  };
}

const readJson = (file: string): Json => JSON.parse(readFileSync(file, 'utf8')) as Json;
const loadManifest = (): Manifest => parse(readFileSync(MANIFEST, 'utf8')) as Manifest;
const clone = <T>(x: T): T => structuredClone(x);

/**
 * Ajv for Slack's schema (draft-07, Ajv's default draft). Strict, so that a keyword nobody
 * understands fails loudly, except for the two strict checks Slack's schema itself does not pass
 * (`strictTypes`: `minItems` under `anyOf` without `type`; `strictRequired`: `required` inside
 * `not`). Slack's schema uses two non-standard keywords: `_note` (a comment) and `regex` (on
 * background_color; enforced here like `pattern`). Its one format, `uri`, is registered by hand
 * (ajv-formats is not a dependency).
 */
function newAjv(): Ajv {
  const ajv = new Ajv({ strict: true, strictTypes: false, strictRequired: false, allErrors: true });
  ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
  ajv.addKeyword({ keyword: '_note' });
  ajv.addKeyword({
    keyword: 'regex',
    type: 'string',
    schemaType: 'string',
    errors: false,
    validate: (re: string, data: string) => new RegExp(re).test(data),
  });
  return ajv;
}

const format = (errors: ErrorObject[] | null | undefined): string[] =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword} ${JSON.stringify(e.params)}`);

const validateV1: ValidateFunction = newAjv().compile(readJson(FIXTURE));
const problems = (manifest: unknown): string[] => (validateV1(manifest) ? [] : format(validateV1.errors));

/** The manifest as the comments in manifest.yml say to change it for HTTP mode. */
function toHttpMode(m: Manifest, host = 'kuittaus.example.com'): Manifest {
  const url = `https://${host}/slack/events`;
  const h = clone(m);
  h.settings.socket_mode_enabled = false;
  h.settings.event_subscriptions.request_url = url;
  h.settings.interactivity.request_url = url;
  for (const c of h.features.slash_commands) c.url = url;
  return h;
}

describe('manifest.yml', () => {
  const manifest = loadManifest();

  it('is valid against Slack’s app manifest schema (v1.0.0)', () => {
    expect(problems(manifest)).toEqual([]);
  });

  it('is a plain (v1) manifest: no _metadata.major_version, so Slack applies the v1 schema', () => {
    expect((manifest as unknown as Json)._metadata).toBeUndefined();
  });

  it('declares the shortcut callback id and the command that the code listens for', () => {
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', name: 'Track as request', callback_id: CallbackId.TrackAsRequest }),
    ]);
    expect(manifest.features.slash_commands.map((c) => c.command)).toEqual([Command.Status]);
    expect(manifest.features.slash_commands[0]).toMatchObject({
      usage_hint: '[overdue | unowned | mine | @user | #channel | client | report | settings | help]',
      should_escape: true,
    });
  });

  it('uses Socket Mode, with no request URLs (those are for HTTP mode)', () => {
    expect(manifest.settings.socket_mode_enabled).toBe(true);
    expect(manifest.settings.event_subscriptions.request_url).toBeUndefined();
    expect(manifest.settings.interactivity.request_url).toBeUndefined();
    expect(manifest.features.slash_commands.every((c) => c.url === undefined)).toBe(true);
  });

  it('has the display information, bot user, App Home and settings of the design', () => {
    expect(manifest.display_information.name).toBe('Kuittaus');
    expect(manifest.features.bot_user).toEqual({ display_name: 'kuittaus', always_online: true });
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    expect(manifest.settings.org_deploy_enabled).toBe(false);
    expect(manifest.settings.token_rotation_enabled).toBe(false);
  });

  it('asks for exactly the bot scopes and events the app uses', () => {
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual(
      [
        'app_mentions:read', 'channels:history', 'channels:read', 'groups:history', 'groups:read',
        'im:history', 'im:write', 'chat:write', 'commands', 'reactions:read', 'reactions:write',
        'users:read', 'files:write',
      ].sort(),
    );
    expect([...manifest.settings.event_subscriptions.bot_events].sort()).toEqual(
      [
        'app_home_opened', 'app_mention', 'channel_id_changed', 'message.channels', 'message.groups',
        'message.im', 'reaction_added', 'reaction_removed', 'app_uninstalled', 'tokens_revoked',
        'channel_archive', 'channel_unarchive', 'channel_deleted', 'channel_left', 'channel_shared',
        'channel_unshared', 'group_archive', 'group_unarchive', 'group_deleted', 'group_left',
        'member_joined_channel', 'member_left_channel',
      ].sort(),
    );
  });

  // Slack refuses to save a manifest whose events lack the scope they need.
  it.each([
    ['app_mention', 'app_mentions:read'],
    ['channel_id_changed', 'channels:read'],
    ['message.channels', 'channels:history'],
    ['message.groups', 'groups:history'],
    ['message.im', 'im:history'],
    ['reaction_added', 'reactions:read'],
    ['reaction_removed', 'reactions:read'],
    ['channel_archive', 'channels:read'],
    ['channel_left', 'channels:read'],
    ['group_archive', 'groups:read'],
    ['group_left', 'groups:read'],
    ['member_left_channel', 'channels:read'],
    ['member_left_channel', 'groups:read'],
    ['channel_unshared', 'channels:read'],
  ])('has the scope that the %s event needs (%s)', (event, scope) => {
    expect(manifest.settings.event_subscriptions.bot_events).toContain(event);
    expect(manifest.oauth_config.scopes.bot).toContain(scope);
  });

  it('has the commands scope that shortcuts and slash commands need', () => {
    expect(manifest.oauth_config.scopes.bot).toContain('commands');
  });

  it('stays valid when switched to HTTP mode as its comments describe', () => {
    const http = toHttpMode(manifest);
    expect(problems(http)).toEqual([]);
    expect(http.settings.socket_mode_enabled).toBe(false);
  });

  it('documents the HTTP mode switch in its comments', () => {
    const text = readFileSync(MANIFEST, 'utf8');
    expect(text).toMatch(/#.*socket_mode_enabled: false/);
    expect(text).toMatch(/#.*request_url: https:\/\/<host>\/slack\/events/);
    expect(text).toMatch(/#.*url: https:\/\/<host>\/slack\/events/);
  });
});

describe('the manifest validation can fail', () => {
  const manifest = loadManifest();

  it.each<[string, (m: Manifest & Json) => void, RegExp]>([
    ['display_information.name is missing', (m) => delete m.display_information.name, /^\/display_information must have required property 'name'/],
    ['long_description is shorter than 175 characters', (m) => (m.display_information.long_description = 'Too short.'), /^\/display_information\/long_description must NOT have fewer than 175 characters/],
    ['background_color is not a hex colour', (m) => (m.display_information.background_color = 'teal'), /^\/display_information\/background_color must pass "regex"/],
    ['the command has no leading slash', (m) => (m.features.slash_commands[0]!.command = 'status'), /^\/features\/slash_commands\/0\/command must match pattern/],
    ['the shortcut type is unknown', (m) => (m.features.shortcuts[0]!.type = 'channel'), /^\/features\/shortcuts\/0\/type must be equal to one of the allowed values/],
    ['a request URL is not http(s)', (m) => (m.settings.interactivity.request_url = 'ftp://example.com'), /^\/settings\/interactivity\/request_url must match pattern/],
    ['an unknown top-level key is present', (m) => (m.setting = {}), /^\/ must NOT have additional properties/],
  ])('when %s', (_what, breakIt, expected) => {
    const broken = clone(manifest) as Manifest & Json;
    breakIt(broken);
    const found = problems(broken);
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((p) => expected.test(p))).toBe(true);
  });
});

describe('the schema fixture', () => {
  it('is Slack’s v1.0.0 manifest schema (draft-07)', () => {
    const schema = readJson(FIXTURE);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['display_information']);
  });

  it('copies are byte for byte the schemas of the development workspace, where it has them', () => {
    for (const [copy, name] of SHARED_COPIES) {
      const original = path.join(SHARED_DIR, name);
      if (existsSync(original)) expect({ copy, same: readFileSync(copy).equals(readFileSync(original)) }).toEqual({ copy, same: true });
    }
    expect(readJson(FIXTURE_V2).$schema).toBeDefined();
  });

  it('agrees with Slack’s all-versions schema, which routes a manifest without _metadata to v1', () => {
    const ajv = newAjv();
    const base = 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/';
    ajv.addSchema(readJson(FIXTURE), `${base}manifest.schema.1.0.0.json`);
    ajv.addSchema(readJson(FIXTURE_V2), `${base}manifest.schema.2.0.0.json`);
    const validate = ajv.compile(readJson(FIXTURE_ROUTER));
    const manifest = loadManifest();
    expect(validate(manifest) ? [] : format(validate.errors)).toEqual([]);
    const broken = clone(manifest);
    delete broken.display_information.name;
    expect(validate(broken)).toBe(false);
  });
});

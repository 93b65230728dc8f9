import { globCrossesBoundary } from '../../../packages/report/src/rules/glob-crosses-boundary';
import { check, soundApp, soundWith, summary, TerraformJson } from '../support';
import { objectAt } from '../../support/synth';

const sub = (pattern: string, type = 'glob') => (json: TerraformJson): void => {
  const role = json.resource.vault_jwt_auth_backend_role.plan;
  role.bound_claims_type = type;
  objectAt(role, 'bound_claims').sub = pattern;
};

describe('glob-crosses-boundary', () => {
  test.each<[string, string, string, RegExp[]]>([
    ['exact names', 'organization:acme:project:Apps:workspace:app-prod:run_phase:plan', 'glob', []],
    ['workspace prefix stays in its project', 'organization:acme:project:Apps:workspace:app-*:run_phase:plan', 'glob', []],
    ['every workspace of a project', 'organization:acme:project:Apps:workspace:*:run_phase:*', 'glob', []],
    ['every project is not a partial name (project-wide-grant reports it)', 'organization:acme:project:*:workspace:app:run_phase:plan', 'glob', []],
    ['organization prefix', 'organization:acme*:project:Apps:workspace:app-prod:run_phase:plan', 'glob', [/"acme\*".*"acme-evil"/]],
    ['organization prefix with nothing after it', 'organization:acme*', 'glob', [/"acme\*"/]],
    ['organization suffix', 'organization:*acme:project:Apps:workspace:app-prod:run_phase:plan', 'glob', [/"\*acme"/]],
    ['project prefix', 'organization:acme:project:App*:workspace:app-prod:run_phase:plan', 'glob', [/project name \("App\*"\)/]],
    ['project prefix at the end of the pattern', 'organization:acme:project:Apps*', 'glob', [/project name \("Apps\*"\)/]],
    ['"*" in a string-type binding is literal, not a wildcard', 'organization:acme*:project:Apps:workspace:app-prod:run_phase:plan', 'string', []],
  ])('%s', (_label, pattern, type, expected) => {
    const lines = summary(check(globCrossesBoundary, soundWith(sub(pattern, type))));
    expect(lines).toHaveLength(expected.length);
    expected.forEach((p, i) => expect(lines[i]).toMatch(new RegExp(`^error vault_jwt_auth_backend_role\\.plan: .*${p.source}`)));
  });

  test('the sound setup has no finding', () => {
    expect(check(globCrossesBoundary, soundApp())).toEqual([]);
  });
});

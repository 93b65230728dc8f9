import { PLAN_APPLY_SHARED, planApplySharedMessage, planApplySharing } from '../../src/env/plan-apply';

test('the rule id', () => {
  expect(PLAN_APPLY_SHARED).toBe('plan-apply-shared');
});

describe('planApplySharing', () => {
  test('separate roles reading separate paths share nothing', () => {
    expect(planApplySharing({ roleKey: 'plan', paths: ['aws/sts/ro'] }, { roleKey: 'apply', paths: ['aws/sts/rw'] })).toBeUndefined();
    expect(planApplySharing({ paths: [] }, { paths: [] })).toBeUndefined();
  });

  // toStrictEqual: toEqual would not notice an `undefined` left in the list.
  test('one role for both phases: every path either phase reads, sorted and unique, under the role name', () => {
    expect(
      planApplySharing(
        { roleKey: 'vault_jwt_auth_backend_role.run', roleName: 'run', paths: ['gcp/roleset/x/token', undefined, 'aws/sts/rw'] },
        { roleKey: 'vault_jwt_auth_backend_role.run', roleName: 'ignored', paths: ['aws/sts/rw', 'azure/creds/a', undefined] },
      ),
    ).toStrictEqual({ sharedRole: 'run', sharedPaths: ['aws/sts/rw', 'azure/creds/a', 'gcp/roleset/x/token'] });
  });

  test('a shared role without a name is named by its key, even with no paths', () => {
    expect(planApplySharing({ roleKey: 'k', paths: [] }, { roleKey: 'k', paths: [] })).toEqual({ sharedRole: 'k', sharedPaths: [] });
  });

  test('two phases without role keys do not count as one role', () => {
    expect(planApplySharing({ paths: ['a'] }, { paths: ['b'] })).toBeUndefined();
    expect(planApplySharing({ roleKey: 'k', paths: ['a'] }, { paths: ['b'] })).toBeUndefined();
  });

  test('separate roles reading a common path share that path only, once, in plan order', () => {
    expect(
      planApplySharing(
        { roleKey: 'plan', paths: ['c', 'b', undefined, 'a', 'b'] },
        { roleKey: 'apply', paths: ['a', 'b', undefined, 'z'] },
      ),
    ).toStrictEqual({ sharedPaths: ['b', 'a'] });
  });

  test('an unknown path (undefined) on both sides is not a shared path', () => {
    expect(planApplySharing({ roleKey: 'plan', paths: [undefined] }, { roleKey: 'apply', paths: [undefined] })).toBeUndefined();
  });
});

describe('planApplySharedMessage', () => {
  test('a shared role lists what it holds', () => {
    expect(planApplySharedMessage({ sharedRole: 'run', sharedPaths: ['aws/sts/rw', 'gcp/roleset/x/token'] })).toBe(
      'plan and apply log in with the same role "run", so plan runs (any pull request) hold everything applies hold ' +
        '(aws/sts/rw, gcp/roleset/x/token); use separate plan and apply roles',
    );
  });

  test('a shared role without paths says so without an empty list', () => {
    expect(planApplySharedMessage({ sharedRole: 'run', sharedPaths: [] })).toBe(
      'plan and apply log in with the same role "run", so plan runs (any pull request) hold everything applies hold; use separate plan and apply roles',
    );
  });

  test('shared paths only', () => {
    expect(planApplySharedMessage({ sharedPaths: ['aws/sts/rw', 'azure/creds/a'] })).toBe(
      "plan and apply read the same credentials (aws/sts/rw, azure/creds/a), so plan runs hold apply's cloud permissions; give plans a read-only engine role",
    );
  });
});

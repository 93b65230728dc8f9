import { TerraformVariable } from 'cdktf';
import { AwsRunRole, AwsSecretsEngineUser } from '../../lib';
import { byPath } from '../support/synth';
import { synthWithClouds } from './cloud-synth';

/**
 * The AWS side's inline policies and assumable roles, as synthesized. (Found by `npm run mutate:constructs`: no test
 * gave a run role two inline policies or one from a reference, or read the engine user's assumable role list.)
 */

const VAULT_USER = 'arn:aws:iam::123456789012:user/vault';
const policy = (action: string) => JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] });

test('inline policies become one aws_iam_role_policy each, in name order whatever the order given', () => {
  const { json } = synthWithClouds(['aws'], (stack) => {
    const inlinePolicies = { write: policy('s3:PutObject'), audit: policy('s3:GetObject'), read: policy('s3:ListBucket') };
    new AwsRunRole(stack, 'run', { trustedPrincipalArn: VAULT_USER, inlinePolicies });
  });
  const policies = byPath(json, 'aws_iam_role_policy');
  expect(Object.entries(policies).map(([path, body]) => [path, body.name, body.policy])).toEqual([
    ['run/inline-0', 'audit', policy('s3:GetObject')],
    ['run/inline-1', 'read', policy('s3:ListBucket')],
    ['run/inline-2', 'write', policy('s3:PutObject')],
  ]);
});

test('an inline policy document given by reference is passed through unchecked', () => {
  const { json } = synthWithClouds(['aws'], (stack) => {
    const document = new TerraformVariable(stack, 'document', { type: 'string' });
    new AwsRunRole(stack, 'run', { trustedPrincipalArn: VAULT_USER, inlinePolicies: { deploy: document.stringValue } });
  });
  expect(byPath(json, 'aws_iam_role_policy')['run/inline-0']).toMatchObject({ name: 'deploy', policy: '${var.document}' });
});

test('the engine user lists the roles it may assume, given and added, as a copy', () => {
  synthWithClouds(['aws'], (stack) => {
    const user = new AwsSecretsEngineUser(stack, 'engine-user', { assumableRoleArns: ['arn:aws:iam::222222222222:role/given'] });
    user.allowAssumeRole('arn:aws:iam::222222222222:role/added');
    expect(user.assumableRoleArns).toEqual(['arn:aws:iam::222222222222:role/given', 'arn:aws:iam::222222222222:role/added']);
    user.assumableRoleArns.pop();
    expect(user.assumableRoleArns).toHaveLength(2);
  });
});

const PLAIN = 'arn:aws:iam::222222222222:role/plain';
const TAGGED = 'arn:aws:iam::222222222222:role/tagged';

test('the engine user policy: its own access keys, assuming the run roles, tagging the sessions of those that ask', () => {
  const { json } = synthWithClouds(['aws'], (stack) => {
    const user = new AwsSecretsEngineUser(stack, 'engine-user');
    user.allowAssumeRole(PLAIN);
    user.allowAssumeRole(TAGGED, true);
  });
  const [policy] = Object.values(byPath(json, 'aws_iam_user_policy'));
  expect(JSON.parse(String(policy.policy))).toEqual({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ManageOwnAccessKeys',
        Effect: 'Allow',
        Action: ['iam:GetUser', 'iam:CreateAccessKey', 'iam:DeleteAccessKey', 'iam:ListAccessKeys'],
        Resource: expect.stringMatching(/^\$\{aws_iam_user\.engine-user_[0-9A-F]+\.arn\}$/),
      },
      { Sid: 'AssumeRunRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [PLAIN, TAGGED] },
      { Sid: 'TagRunRoleSessions', Effect: 'Allow', Action: 'sts:TagSession', Resource: [TAGGED] },
    ],
  });
});

test('an engine user allowed no role may only manage its own keys, and a role allowed twice is listed once', () => {
  const { json } = synthWithClouds(['aws'], (stack) => {
    new AwsSecretsEngineUser(stack, 'idle');
    const twice = new AwsSecretsEngineUser(stack, 'twice');
    twice.allowAssumeRole(PLAIN);
    twice.allowAssumeRole(PLAIN);
  });
  const statements = (path: string) => JSON.parse(String(byPath(json, 'aws_iam_user_policy')[path].policy)).Statement as Array<{ Sid: string }>;
  expect(statements('idle/policy').map((s) => s.Sid)).toEqual(['ManageOwnAccessKeys']);
  expect(statements('twice/policy')[1]).toEqual({ Sid: 'AssumeRunRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: [PLAIN] });
});

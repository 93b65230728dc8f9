import { Rule } from './types';

/** A synthesis-only rule: the construct library warns about it while synthesizing; the report has no check for it. */
export const workspacePrefixGrant: Rule = {
  id: 'workspace-prefix-grant',
  severity: 'warning',
  title: 'Grant to every workspace with a name prefix',
  explanation:
    'Every workspace of the project whose name starts with the prefix, including ones created later, can obtain the ' +
    'credentials; new workspaces receive the variables on the next apply of the stack.',
  fix: 'List the workspaces by name or id if new workspaces should not inherit the credentials.',
  stages: ['synthesis'],
};

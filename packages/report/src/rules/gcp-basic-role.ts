import { Rule } from './types';

/** A synthesis-only rule: the construct library warns about it while synthesizing; the report has no check for it. */
export const gcpBasicRole: Rule = {
  id: 'gcp-basic-role',
  severity: 'warning',
  title: 'GCP basic role granted',
  explanation: 'The basic roles roles/owner and roles/editor cover nearly every service of the resource they are granted on.',
  fix: 'Grant predefined roles for the services the runs manage.',
  stages: ['synthesis'],
};

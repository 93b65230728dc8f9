/**
 * Identifier grammars: the one home of every shape the project checks an identifier against before it reaches
 * Vault, IAM, GCP, Azure or HCP Terraform, and the sentence that names the shape in an error message. Sources: AWS IAM
 * API reference (CreateRole Path/RoleName, AssumeRole ExternalId), GCP resource-manager project ids, Azure resource
 * ids and GUIDs, HCP Terraform API ids (varset-…, var-…).
 */

/** A grammar and the words an error message uses for it. */
export interface Grammar {
  readonly grammar: RegExp;
  readonly rule: string;
}

/** An IAM role ARN in any AWS partition. */
export const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/;
/** An IAM user or role ARN (a principal a trust policy can name). */
export const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)\/[\w+=,.@/-]+$/;
/** An IAM managed policy ARN, customer (`<account>`) or AWS-managed (`aws`). */
export const IAM_POLICY_ARN = /^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy\/[\w+=,.@/-]+$/;
/** A GUID, as Azure uses for subscriptions, tenants, applications and role definitions. */
export const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** An IAM path: "/" alone or "/segments/", printable ASCII, at most 512 characters (IAM CreateRole `Path`). */
export const IAM_PATH: Grammar = {
  grammar: /^\/([\x21-\x7e]{1,510}\/)?$/,
  rule: 'an IAM path: "/" or a path that starts and ends with "/" (such as "/vault/"), printable ASCII, at most 512 characters',
};
/** What `sts:AssumeRole` accepts as an external id: 2-1224 of letters, digits and `_ + = , . @ : / -`. */
export const EXTERNAL_ID: Grammar = {
  grammar: /^[\w+=,.@:/-]{2,1224}$/,
  rule: 'an external id of 2-1224 letters, digits and _ + = , . @ : / -',
};
/** IAM role names (1-64) and IAM user names (1-64): letters, digits and `+ = , . @ _ -`. */
export const IAM_NAME: Grammar = { grammar: /^[\w+=,.@-]{1,64}$/, rule: 'an IAM name (1-64 letters, digits and + = , . @ _ -)' };
/** IAM policy names: 1-128 letters, digits and `+ = , . @ _ -`. */
export const IAM_POLICY_NAME: Grammar = { grammar: /^[\w+=,.@-]{1,128}$/, rule: 'an IAM policy name (1-128 letters, digits and + = , . @ _ -)' };
/** IAM group names. */
export const IAM_GROUP_NAME: Grammar = { grammar: /^[A-Za-z0-9+=,.@_-]{1,128}$/, rule: 'an IAM group name (1-128 letters, digits and + = , . @ _ -)' };
/** AWS tag keys: 1-128 letters, digits, spaces and `_ . : / = + - @` (not starting with `aws:`). */
export const AWS_TAG_KEY: Grammar = {
  grammar: /^(?!aws:)[\p{L}\p{N} _.:/=+\-@]{1,128}$/u,
  rule: 'an AWS tag key (1-128 letters, digits, spaces and _ . : / = + - @, not starting with "aws:")',
};
/** AWS tag values: 0-256 letters, digits, spaces and `_ . : / = + - @`. */
export const AWS_TAG_VALUE: Grammar = {
  grammar: /^[\p{L}\p{N} _.:/=+\-@]{0,256}$/u,
  rule: 'an AWS tag value (0-256 letters, digits, spaces and _ . : / = + - @)',
};
/** AWS region codes, e.g. `us-east-1`, `us-gov-west-1`. */
export const AWS_REGION: Grammar = { grammar: /^[a-z]{2}(-[a-z]+)+-[0-9]{1,2}$/, rule: 'an AWS region code such as "us-east-1"' };
/** Audiences of a secrets engine's plugin identity token: a URI or name without spaces or template characters. */
export const TOKEN_AUDIENCE: Grammar = {
  grammar: /^[A-Za-z0-9._:/@+=?&#-]{1,512}$/,
  rule: 'an audience of letters, digits and . _ : / @ + = ? & # - (for example "sts.amazonaws.com")',
};
/** GCP project ids (6-30 characters), as the resource manager defines them. */
export const GCP_PROJECT_ID: Grammar = {
  grammar: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
  rule: 'a GCP project id (6-30 lower-case letters, digits and "-", starting with a letter, such as "acme-data")',
};
/** GCP project ids including the older domain-scoped form `example.com:acme-data` (where GCP still accepts it). */
export const GCP_SCOPED_PROJECT_ID: Grammar = {
  grammar: /^([a-z0-9.-]+:)?[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
  rule: GCP_PROJECT_ID.rule,
};
/** Azure clouds the Vault Azure secrets engine knows. */
export const AZURE_ENVIRONMENT: Grammar = {
  grammar: /^(AzurePublicCloud|AzureUSGovernmentCloud|AzureChinaCloud|AzureGermanCloud)$/,
  rule: 'one of AzurePublicCloud, AzureUSGovernmentCloud, AzureChinaCloud, AzureGermanCloud',
};
/** Azure subscription and tenant ids. */
export const AZURE_GUID: Grammar = { grammar: GUID, rule: 'a GUID such as "11111111-1111-4111-8111-111111111111"' };
/** Azure resource ids used as role assignment scopes, e.g. `/subscriptions/<id>/resourceGroups/<group>`. */
export const AZURE_RESOURCE_ID: Grammar = {
  grammar: /^(\/[\p{L}\p{N}._()~:@!'+,;=-]+)+$/u,
  rule: 'an Azure resource id such as "/subscriptions/<id>" or "/subscriptions/<id>/resourceGroups/<group>"',
};
/** HCP Terraform variable set ids. */
export const VARIABLE_SET_ID: Grammar = { grammar: /^varset-[A-Za-z0-9]+$/, rule: 'a variable set id ("varset-...")' };
/** HCP Terraform variable ids. */
export const VARIABLE_ID: Grammar = { grammar: /^var-[A-Za-z0-9]+$/, rule: 'a variable id ("var-...")' };
/** GCP service account ids (the part before `@`): 6-30 lower-case letters, digits and `-`, starting with a letter. */
export const GCP_SERVICE_ACCOUNT_ID: Grammar = {
  grammar: /^[a-z][a-z0-9-]{4,28}[a-z0-9]$/,
  rule: 'a service account id (6-30 lower-case letters, digits and "-", starting with a letter)',
};

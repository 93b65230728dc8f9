/** Shapes of cloud identifiers the library checks before they reach Vault, IAM or Azure. */

/** An IAM role ARN in any AWS partition. */
export const IAM_ROLE_ARN = /^arn:aws[a-z-]*:iam::[0-9]{12}:role\/[\w+=,.@/-]+$/;
/** An IAM user or role ARN (a principal a trust policy can name). */
export const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::[0-9]{12}:(user|role)\/[\w+=,.@/-]+$/;
/** An IAM managed policy ARN, customer (`<account>`) or AWS-managed (`aws`). */
export const IAM_POLICY_ARN = /^arn:aws[a-z-]*:iam::([0-9]{12}|aws):policy\/[\w+=,.@/-]+$/;
/** A GUID, as Azure uses for subscriptions, tenants, applications and role definitions. */
export const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

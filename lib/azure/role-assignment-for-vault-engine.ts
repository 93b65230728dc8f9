import type { RoleAssignment } from '@cdktf/provider-azurerm/lib/role-assignment';
import { Construct } from 'constructs';
import { addChecks, isUnresolved } from '../private/synth-checks';
import { checkStackOf } from '../private/tree-checks';
import { optionalPeerModule } from '../private/optional-peer';
import { GUID, AZURE_RESOURCE_ID } from 'vault-backed-credentials-report/catalogue';
import { identifierProblem } from '../private/identifier-checks';
import { literalText } from '../private/terraform-literals';

/** Properties of {@link AzureSecretsEngineRoleAssignment}. */
export interface AzureSecretsEngineRoleAssignmentProps {
  /**
   * Scope in which the engine may give its service principals roles: the subscription (`/subscriptions/<id>`) or a
   * narrower scope that contains every `AzureRbacRole.scope` of the engine's roles.
   */
  readonly scope: string;
  /** Object id (not client id) of the engine's service principal. */
  readonly principalId: string;
  /**
   * Role that lets the engine assign roles at `scope`.
   *
   * @default "User Access Administrator"
   */
  readonly roleDefinitionName?: string;
  /**
   * Role definition GUIDs the engine may assign and remove, e.g. `acdd72a7-3385-48ef-bd42-f606fba81ae7` (Reader).
   * Adds an Azure ABAC condition to the assignment, so the engine cannot hand out any other role (in particular
   * not Owner or User Access Administrator).
   *
   * @default - no condition: any role at `scope`
   */
  readonly assignableRoleDefinitionIds?: string[];
  /**
   * Description of the assignment.
   *
   * @default "Lets the Vault Azure secrets engine assign roles to the service principals it creates"
   */
  readonly description?: string;
}


/**
 * The Azure role assignment that lets the Vault Azure secrets engine's own service principal give the service
 * principals it creates their roles within one scope. By default it is "User Access Administrator", which Vault
 * documents for the engine; with `assignableRoleDefinitionIds` an ABAC condition restricts it to the roles the
 * engine's roles actually use.
 *
 * Creating the applications themselves also needs Microsoft Graph application permissions
 * (`Application.ReadWrite.OwnedBy`, and `GroupMember.ReadWrite.All` for `azureGroups`), which are granted in
 * Microsoft Entra ID, not through azurerm.
 *
 * Needs `@cdktf/provider-azurerm`, loaded only when this construct is created.
 */
export class AzureSecretsEngineRoleAssignment extends Construct {
  /** The role assignment. */
  public readonly assignment: RoleAssignment;
  /** The ABAC condition, when `assignableRoleDefinitionIds` is given. */
  public readonly condition?: string;

  constructor(scope: Construct, id: string, props: AzureSecretsEngineRoleAssignmentProps) {
    super(scope, id);
    checkStackOf(this);
    const { RoleAssignment: RoleAssignmentClass } = optionalPeerModule<typeof import('@cdktf/provider-azurerm/lib/role-assignment')>(
      '@cdktf/provider-azurerm', 'role-assignment', 'AzureSecretsEngineRoleAssignment',
    );
    const assignable = props.assignableRoleDefinitionIds;

    addChecks(this, () => {
      const problems: string[] = [];
      if (props.scope === undefined || props.scope === null) {
        problems.push(`scope ${JSON.stringify(props.scope)} is not an Azure resource id; use e.g. "/subscriptions/<id>"`);
      } else {
        const scope = identifierProblem('scope', props.scope, AZURE_RESOURCE_ID.grammar, AZURE_RESOURCE_ID.rule);
        if (scope) problems.push(scope);
      }
      if (props.principalId === undefined || props.principalId === null || (!isUnresolved(props.principalId) && !GUID.test(props.principalId))) {
        problems.push(`principalId ${JSON.stringify(props.principalId)} is not a GUID; use the object id of the engine's service principal`);
      }
      if (assignable !== undefined) {
        if (assignable.length === 0) {
          problems.push('assignableRoleDefinitionIds is empty, which would let the engine assign no role at all; list the role definition GUIDs its roles ' +
            'use, or leave it out');
        }
        for (const roleId of assignable) {
          if (isUnresolved(roleId) || !GUID.test(roleId)) {
            problems.push(`assignable role definition id ${JSON.stringify(roleId)} must be a literal GUID such as "acdd72a7-3385-48ef-bd42-f606fba81ae7" ` +
              `(Reader)`);
          }
        }
      }
      return problems;
    });

    if (assignable !== undefined && assignable.length > 0) {
      const ids = assignable.map((roleId) => roleId.toLowerCase()).join(', ');
      // Two clauses because role assignment writes carry the role in the request and deletes on the existing resource.
      this.condition = [
        `((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR (@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ` +
          `ForAnyOfAnyValues:GuidEquals {${ids}}))`,
        `((!(ActionMatches{'Microsoft.Authorization/roleAssignments/delete'})) OR (@Resource[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ` +
          `ForAnyOfAnyValues:GuidEquals {${ids}}))`,
      ].join(' AND ');
    }
    this.assignment = new RoleAssignmentClass(this, 'assignment', {
      scope: props.scope,
      principalId: props.principalId,
      principalType: 'ServicePrincipal',
      roleDefinitionName: literalText(props.roleDefinitionName) ?? 'User Access Administrator',
      description: literalText(props.description) ?? 'Lets the Vault Azure secrets engine assign roles to the service principals it creates',
      condition: this.condition,
      conditionVersion: this.condition !== undefined ? '2.0' : undefined,
    });
  }
}

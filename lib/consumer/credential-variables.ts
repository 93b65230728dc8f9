import { propertyAccess, TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import { addChecks } from '../private/synth-checks';
import { identifierProblem } from '../private/identifier-checks';
import { CLOUD_CREDENTIALS_VARIABLES, CredentialKind, credentialsVariableType, VAULT_CREDENTIALS_VARIABLE } from 'vault-backed-credentials-report/env';
import { tagProblem } from 'vault-backed-credentials-report/env';

/**
 * The input variables HCP Terraform fills in a workspace with tagged configurations, shared by
 * `DynamicCredentialsConsumer` and its per-cloud helpers (`AwsConsumer`, `GoogleConsumer`, `AzureConsumer`). Not part
 * of the public API: each public class names the provider configuration type of one provider only, because
 * jsii-pacmak's Go output imports every provider's `provider` package under the same name.
 */
export class CredentialVariables {
  private readonly variables = new Map<CredentialKind, TerraformVariable>();
  private readonly tags: string[] = [];
  /** Literal arguments the returned configurations carry, each checked once against its grammar at synthesis. */
  private readonly literals = new Map<string, string | undefined>();

  /** @param scope the consumer construct: it holds the variables and reports the problems at synthesis. */
  constructor(private readonly scope: Construct) {
    addChecks(scope, () => [
      ...[...new Set(this.tags)].map((tag) => tagProblem(tag)),
      ...this.literals.values(),
    ].filter((p): p is string => p !== undefined));
  }

  /** Records the check of a literal argument (once per argument and value) and returns the value. */
  checked(method: string, param: string, value: string, grammar: { grammar: RegExp; rule: string }): string {
    const key = `${method}\u0000${param}\u0000${value}`;
    if (!this.literals.has(key)) this.literals.set(key, identifierProblem(`${method} ${param}`, value, grammar.grammar, grammar.rule));
    return value;
  }

  /** A reference to one attribute of the default configuration, or of a tagged one. */
  read(kind: CredentialKind, attribute: string, tag?: string): string {
    const variable = this.variable(kind);
    if (tag === undefined) {
      return Token.asString(propertyAccess(variable.value, ['default', attribute]));
    }
    this.tags.push(tag);
    // cdktf renders a key that is not an identifier (a tag starting with a digit) in brackets.
    return Token.asString(propertyAccess(variable.value, ['aliases', tag, attribute]));
  }

  private variable(kind: CredentialKind): TerraformVariable {
    let variable = this.variables.get(kind);
    if (!variable) {
      const name = kind === 'vault' ? VAULT_CREDENTIALS_VARIABLE : CLOUD_CREDENTIALS_VARIABLES[kind];
      variable = new TerraformVariable(this.scope, name, {
        type: credentialsVariableType(kind),
        description: `Filled by HCP Terraform with the ${kind === 'vault' ? 'Vault' : kind.toUpperCase()} dynamic credentials of each configuration.`,
      });
      // HCP Terraform fills the variable by this exact name.
      variable.overrideLogicalId(name);
      this.variables.set(kind, variable);
    }
    return variable;
  }
}

/** The provider alias of a configuration tag: the tag in lower case. */
export function aliasOf(tag?: string): string | undefined {
  return tag === undefined ? undefined : tag.toLowerCase();
}

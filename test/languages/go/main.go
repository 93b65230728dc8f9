package main

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdktf-vault-backed-credentials/cdktf-vault-backed-credentials-go/cdktfvaultbackedcredentials"
	tfe "github.com/cdktf/cdktf-provider-tfe-go/tfe/v12/provider"
	vault "github.com/cdktf/cdktf-provider-vault-go/vault/v15/provider"
	"github.com/hashicorp/terraform-cdk-go/cdktf"
)

func main() {
	app := cdktf.NewApp(nil)
	stack := cdktf.NewTerraformStack(app, jsii.String("platform-trust"))
	vault.NewVaultProvider(stack, jsii.String("vault"), &vault.VaultProviderConfig{
		Address: jsii.String("https://vault.acme.example:8200"),
	})
	tfe.NewTfeProvider(stack, jsii.String("tfe"), &tfe.TfeProviderConfig{})

	trust := cdktfvaultbackedcredentials.NewVaultBackedDynamicCredentials(stack, jsii.String("trust"),
		&cdktfvaultbackedcredentials.VaultBackedDynamicCredentialsProps{
			Organization:   jsii.String("acme"),
			OrganizationId: jsii.String("org-AbCdEfGh12345678"),
			VaultAddress:   jsii.String("https://vault.acme.example:8200"),
		})

	aws := trust.AddAwsSecretsEngine(jsii.String("aws"), &cdktfvaultbackedcredentials.AwsSecretsEngineProps{
		Region: jsii.String("eu-west-1"),
		WorkloadIdentity: &cdktfvaultbackedcredentials.AwsEngineWorkloadIdentity{
			IdentityTokenAudience: jsii.String("sts.amazonaws.com"),
			RoleArn:               jsii.String("arn:aws:iam::111111111111:role/vault-aws-engine"),
		},
	})

	trust.GrantWorkspaces(jsii.String("network"), &cdktfvaultbackedcredentials.WorkspaceGrantOptions{
		Project:    jsii.String("Networking"),
		ProjectId:  jsii.String("prj-AbCdEfGh12345678"),
		Workspaces: cdktfvaultbackedcredentials.WorkspaceSelector_Ids(jsii.String("ws-AbCdEfGh12345678")),
		Aws: &cdktfvaultbackedcredentials.AwsPhaseCredentials{
			Plan: aws.AddAssumedRole(jsii.String("network-read-only"), &cdktfvaultbackedcredentials.AwsAssumedRoleProps{
				RoleArns: jsii.Strings("arn:aws:iam::111111111111:role/network-read-only"),
			}),
			Apply: aws.AddAssumedRole(jsii.String("network-admin"), &cdktfvaultbackedcredentials.AwsAssumedRoleProps{
				RoleArns: jsii.Strings("arn:aws:iam::111111111111:role/network-admin"),
			}),
		},
	})

	app.Synth()
}

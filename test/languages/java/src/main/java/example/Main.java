package example;

import com.hashicorp.cdktf.App;
import com.hashicorp.cdktf.TerraformStack;
import com.hashicorp.cdktf.providers.tfe.provider.TfeProvider;
import com.hashicorp.cdktf.providers.vault.provider.VaultProvider;
import io.github.cdktf_vault_backed_credentials.AwsAssumedRoleProps;
import io.github.cdktf_vault_backed_credentials.AwsEngineWorkloadIdentity;
import io.github.cdktf_vault_backed_credentials.AwsPhaseCredentials;
import io.github.cdktf_vault_backed_credentials.AwsSecretsEngine;
import io.github.cdktf_vault_backed_credentials.AwsSecretsEngineProps;
import io.github.cdktf_vault_backed_credentials.VaultBackedDynamicCredentials;
import io.github.cdktf_vault_backed_credentials.WorkspaceGrantOptions;
import io.github.cdktf_vault_backed_credentials.WorkspaceSelector;
import java.util.List;

public final class Main {
    public static void main(final String[] args) {
        App app = new App();
        TerraformStack stack = new TerraformStack(app, "platform-trust");
        VaultProvider.Builder.create(stack, "vault").address("https://vault.acme.example:8200").build();
        TfeProvider.Builder.create(stack, "tfe").build();

        VaultBackedDynamicCredentials trust = VaultBackedDynamicCredentials.Builder.create(stack, "trust")
                .organization("acme")
                .organizationId("org-AbCdEfGh12345678")
                .vaultAddress("https://vault.acme.example:8200")
                .build();

        AwsSecretsEngine aws = trust.addAwsSecretsEngine("aws", AwsSecretsEngineProps.builder()
                .region("eu-west-1")
                .workloadIdentity(AwsEngineWorkloadIdentity.builder()
                        .identityTokenAudience("sts.amazonaws.com")
                        .roleArn("arn:aws:iam::111111111111:role/vault-aws-engine")
                        .build())
                .build());

        trust.grantWorkspaces("network", WorkspaceGrantOptions.builder()
                .project("Networking")
                .projectId("prj-AbCdEfGh12345678")
                .workspaces(WorkspaceSelector.ids("ws-AbCdEfGh12345678"))
                .aws(AwsPhaseCredentials.builder()
                        .plan(aws.addAssumedRole("network-read-only", AwsAssumedRoleProps.builder()
                                .roleArns(List.of("arn:aws:iam::111111111111:role/network-read-only"))
                                .build()))
                        .apply(aws.addAssumedRole("network-admin", AwsAssumedRoleProps.builder()
                                .roleArns(List.of("arn:aws:iam::111111111111:role/network-admin"))
                                .build()))
                        .build())
                .build());

        app.synth();
    }
}

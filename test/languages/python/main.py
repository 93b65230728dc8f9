from cdktf_vault_backed_credentials import AwsEngineWorkloadIdentity, AwsPhaseCredentials
from cdktf import App, TerraformStack
from cdktf_cdktf_provider_tfe.provider import TfeProvider
from cdktf_cdktf_provider_vault.provider import VaultProvider
from cdktf_vault_backed_credentials import VaultBackedDynamicCredentials, WorkspaceSelector

app = App()
stack = TerraformStack(app, "platform-trust")
VaultProvider(stack, "vault", address="https://vault.acme.example:8200")
TfeProvider(stack, "tfe")

trust = VaultBackedDynamicCredentials(stack, "trust",
    organization="acme",
    organization_id="org-AbCdEfGh12345678",
    vault_address="https://vault.acme.example:8200"
)

aws = trust.add_aws_secrets_engine("aws",
    region="eu-west-1",
    workload_identity=AwsEngineWorkloadIdentity(
        identity_token_audience="sts.amazonaws.com",
        role_arn="arn:aws:iam::111111111111:role/vault-aws-engine"
    )
)

trust.grant_workspaces("network",
    project="Networking",
    project_id="prj-AbCdEfGh12345678",
    workspaces=WorkspaceSelector.ids("ws-AbCdEfGh12345678"),
    aws=AwsPhaseCredentials(
        plan=aws.add_assumed_role("network-read-only", role_arns=["arn:aws:iam::111111111111:role/network-read-only"]),
        apply=aws.add_assumed_role("network-admin", role_arns=["arn:aws:iam::111111111111:role/network-admin"])
    )
)

app.synth()


#!/usr/bin/env bash
# Builds the Terraform providers that can be had from public module sources and lays them out as a filesystem
# mirror for `terraform init`, so that `terraform validate` runs offline with real provider schemas.
#
# Only hashicorp/vault can be built: the Go module proxy serves terraform-provider-vault at a pseudo-version
# (commit 5e9fcd457a99, "Prepare for v5.9.0 Release") but refuses every release tag (403 "This module version is not
# available."), and serves nothing at all of terraform-provider-tfe. The aws, google and azurerm providers are not
# built either (see README, "Terraform checks").
#
# Usage: scripts/engines/providers.sh            prints the mirror directory and the CLI config path, last line
# Environment: CDKTF_VBDC_PROVIDER_CACHE  cache directory (default $HOME/.cache/cdktf-vbdc/providers)
set -euo pipefail

VAULT_MODULE=github.com/hashicorp/terraform-provider-vault
VAULT_PSEUDO=v1.9.1-0.20260422134934-5e9fcd457a99
VAULT_VERSION=5.9.0

cache="${CDKTF_VBDC_PROVIDER_CACHE:-$HOME/.cache/cdktf-vbdc/providers}"
platform="$(uname -s | tr '[:upper:]' '[:lower:]')_$(uname -m | sed -e 's/x86_64/amd64/' -e 's/aarch64/arm64/')"
mirror="$cache/mirror"
target="$mirror/registry.terraform.io/hashicorp/vault/$VAULT_VERSION/$platform/terraform-provider-vault_v$VAULT_VERSION"
config="$cache/terraformrc.hcl"

if ! command -v go >/dev/null 2>&1; then
  echo "providers.sh: go is not on PATH. Install Go 1.25 or newer (https://go.dev/doc/install, or apt-get install golang-go)" >&2
  exit 1
fi

if [ ! -x "$target" ]; then
  mkdir -p "$cache/bin" "$(dirname "$target")"
  echo "providers.sh: building hashicorp/vault $VAULT_VERSION ($VAULT_MODULE@$VAULT_PSEUDO); takes minutes the first time" >&2
  started=$(date +%s)
  GOBIN="$cache/bin" GOFLAGS=-mod=mod go install -trimpath -ldflags '-s -w' "$VAULT_MODULE@$VAULT_PSEUDO"
  cp "$cache/bin/terraform-provider-vault" "$target.tmp"
  mv "$target.tmp" "$target"
  echo "providers.sh: built in $(( $(date +%s) - started )) s" >&2
fi

cat > "$config.tmp" <<HCL
# Written by scripts/engines/providers.sh: hashicorp/vault from the local mirror, nothing from the network.
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/hashicorp/vault"]
  }
  direct {
    exclude = ["registry.terraform.io/hashicorp/vault"]
  }
}
HCL
mv "$config.tmp" "$config"
echo "$mirror $config $VAULT_VERSION"

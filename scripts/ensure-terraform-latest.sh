#!/usr/bin/env bash
# Prints the path of a Terraform CLI >= 1.14 on stdout (and nothing else), for
# the acceptance tests that need resource identity (1.12+), list resources,
# `terraform query` and actions (1.14+).
#
# Order of preference:
#   1. $TF_LATEST_TERRAFORM_PATH, if set and executable;
#   2. `terraform` on PATH, if it reports 1.14 or newer;
#   3. <repo>/.bin/terraform-<version>, a previously built copy;
#   4. build it from the Go module proxy (about 2 minutes cold on 2 cores,
#      seconds with a warm Go build cache).
#
# `go install github.com/hashicorp/terraform@v1.14.x` fails: its go.mod
# replaces nested modules (the remote-state backends and internal/legacy)
# with ./internal/... paths that are not in the module zip. So we copy the
# downloaded module, drop those replace/require lines, and remove the nine
# remote-state backends they provide (azurerm, consul, cos, gcs, kubernetes,
# oci, oss, pg, s3) from internal/backend/init/init.go. local, remote, http,
# inmem and cloud stay.
#
# All diagnostics go to stderr so callers can use $(scripts/ensure-terraform-latest.sh).
set -euo pipefail

VERSION="${TF_LATEST_VERSION:-1.14.9}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin_dir="${repo_root}/.bin"
out="${bin_dir}/terraform-${VERSION}"

# shellcheck source=lib/cli-from-proxy.sh
source "${repo_root}/scripts/lib/cli-from-proxy.sh"
cli_log_prefix=ensure-terraform-latest

is_new_enough() {
	case "$(cli_version "$1")" in
	1.1[4-9].* | 1.[2-9][0-9].* | [2-9].*) return 0 ;;
	*) return 1 ;;
	esac
}

if [[ -n "${TF_LATEST_TERRAFORM_PATH:-}" && -x "${TF_LATEST_TERRAFORM_PATH}" ]]; then
	printf '%s\n' "${TF_LATEST_TERRAFORM_PATH}"
	exit 0
fi
if found="$(command -v terraform 2>/dev/null)" && [[ -n "${found}" ]] && is_new_enough "${found}"; then
	printf '%s\n' "${found}"
	exit 0
fi
if [[ -x "${out}" ]]; then
	printf '%s\n' "${out}"
	exit 0
fi

command -v go >/dev/null 2>&1 || {
	echo "ensure-terraform-latest: go is not installed; set TF_LATEST_TERRAFORM_PATH to a Terraform >= 1.14" >&2
	exit 1
}

echo "ensure-terraform-latest: building Terraform v${VERSION} from the Go module proxy (about 2 minutes cold)" >&2
start=$(date +%s)
cli_enter_module_copy github.com/hashicorp/terraform "${VERSION}"

# Drop the nested modules that are not in the zip.
sed -i -E '/github\.com\/hashicorp\/terraform\/internal\/(backend\/remote-state\/[a-z0-9]+|legacy)[[:space:]]/d' go.mod
init_go=internal/backend/init/init.go
for b in azure consul cos gcs kubernetes oci oss pg s3; do
	sed -i -E "/\"github\.com\/hashicorp\/terraform\/internal\/backend\/remote-state\/${b}\"/d" "${init_go}"
done
sed -i -E '/"(azurerm|consul|cos|gcs|kubernetes|oss|pg|s3|oci)":[[:space:]]+func\(\)/d' "${init_go}"

cli_build "${out}" github.com/hashicorp/terraform . "${start}"

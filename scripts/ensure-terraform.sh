#!/usr/bin/env bash
# Prints the path of a usable Terraform CLI binary on stdout (and nothing
# else), for TF_ACC_TERRAFORM_PATH and for tfplugindocs.
#
# Order of preference:
#   1. $TF_ACC_TERRAFORM_PATH, if set and executable;
#   2. `terraform` on PATH;
#   3. <repo>/.bin/terraform, a previously built fallback;
#   4. build the fallback: GOBIN=<repo>/.bin go install
#      github.com/hashicorp/terraform@v1.5.7 (only needs the Go module proxy).
#
# All diagnostics go to stderr so callers can use $(scripts/ensure-terraform.sh).
set -euo pipefail

FALLBACK_VERSION="1.5.7"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin_dir="${repo_root}/.bin"
fallback="${bin_dir}/terraform"

if [[ -n "${TF_ACC_TERRAFORM_PATH:-}" ]]; then
	if [[ -f "${TF_ACC_TERRAFORM_PATH}" && -x "${TF_ACC_TERRAFORM_PATH}" ]]; then
		printf '%s\n' "${TF_ACC_TERRAFORM_PATH}"
		exit 0
	fi
	echo "ensure-terraform: TF_ACC_TERRAFORM_PATH=${TF_ACC_TERRAFORM_PATH} is not an executable file; ignoring it" >&2
fi

if found="$(command -v terraform 2>/dev/null)" && [[ -n "${found}" && -x "${found}" ]]; then
	printf '%s\n' "${found}"
	exit 0
fi

if [[ -f "${fallback}" && -x "${fallback}" ]]; then
	printf '%s\n' "${fallback}"
	exit 0
fi

if ! command -v go >/dev/null 2>&1; then
	echo "ensure-terraform: terraform CLI not found on PATH and go is not installed; install Terraform (https://developer.hashicorp.com/terraform/install) or set TF_ACC_TERRAFORM_PATH" >&2
	exit 1
fi

echo "terraform CLI not found on PATH; building fallback terraform v${FALLBACK_VERSION} with go install (about 3 minutes)" >&2
mkdir -p "${bin_dir}"
# Build outside the repo so this module's go.mod/GOFLAGS cannot interfere;
# `go install pkg@version` ignores the current module anyway.
if ! (cd / && GOBIN="${bin_dir}" GOFLAGS="" go install "github.com/hashicorp/terraform@v${FALLBACK_VERSION}") >&2; then
	echo "ensure-terraform: 'go install github.com/hashicorp/terraform@v${FALLBACK_VERSION}' failed; install Terraform (https://developer.hashicorp.com/terraform/install) or set TF_ACC_TERRAFORM_PATH" >&2
	exit 1
fi
if [[ ! -x "${fallback}" ]]; then
	echo "ensure-terraform: go install succeeded but ${fallback} is missing" >&2
	exit 1
fi
echo "ensure-terraform: built ${fallback}" >&2
printf '%s\n' "${fallback}"

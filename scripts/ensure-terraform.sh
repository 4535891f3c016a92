#!/usr/bin/env bash
# Prints the path of a usable Terraform CLI binary on stdout (and nothing
# else), for TF_ACC_TERRAFORM_PATH, the quickstart and `terraform fmt`: the
# minimum supported Terraform (1.11, the first with write-only attributes)
# or newer.
#
# Order of preference:
#   1. $TF_ACC_TERRAFORM_PATH, if set and executable (used as given);
#   2. `terraform` on PATH, if it reports 1.11 or newer;
#   3. <repo>/.bin/terraform-<version>, a previously built fallback;
#   4. build the fallback, Terraform 1.11.4, from the Go module proxy with
#      the recipe shared with ensure-terraform-latest.sh
#      (cli_build_terraform in scripts/lib/cli-from-proxy.sh): only Go and
#      the module proxy are needed. About 5 minutes of CPU time cold, seconds
#      with a warm Go build cache.
#
# All diagnostics go to stderr so callers can use $(scripts/ensure-terraform.sh).
set -euo pipefail

VERSION="${TF_FALLBACK_VERSION:-1.11.4}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin_dir="${repo_root}/.bin"
out="${bin_dir}/terraform-${VERSION}"

# shellcheck source=lib/cli-from-proxy.sh
source "${repo_root}/scripts/lib/cli-from-proxy.sh"
cli_log_prefix=ensure-terraform

is_new_enough() {
	case "$(cli_version "$1")" in
	1.1[1-9].* | 1.[2-9][0-9].* | [2-9].*) return 0 ;;
	*) return 1 ;;
	esac
}

if [[ -n "${TF_ACC_TERRAFORM_PATH:-}" ]]; then
	if [[ -f "${TF_ACC_TERRAFORM_PATH}" && -x "${TF_ACC_TERRAFORM_PATH}" ]]; then
		printf '%s\n' "${TF_ACC_TERRAFORM_PATH}"
		exit 0
	fi
	echo "ensure-terraform: TF_ACC_TERRAFORM_PATH=${TF_ACC_TERRAFORM_PATH} is not an executable file; ignoring it" >&2
fi

if found="$(command -v terraform 2>/dev/null)" && [[ -n "${found}" && -x "${found}" ]]; then
	if is_new_enough "${found}"; then
		printf '%s\n' "${found}"
		exit 0
	fi
	echo "ensure-terraform: ${found} is Terraform $(cli_version "${found}"), older than the minimum supported 1.11; using Terraform v${VERSION} from .bin/ instead" >&2
fi

if [[ -f "${out}" && -x "${out}" ]]; then
	printf '%s\n' "${out}"
	exit 0
fi

if ! command -v go >/dev/null 2>&1; then
	echo "ensure-terraform: no Terraform >= 1.11 on PATH and go is not installed; install Terraform (https://developer.hashicorp.com/terraform/install) or set TF_ACC_TERRAFORM_PATH" >&2
	exit 1
fi

echo "ensure-terraform: no Terraform >= 1.11 on PATH; building Terraform v${VERSION} from the Go module proxy into .bin/ (minutes cold, seconds with a warm Go build cache)" >&2
cli_build_terraform "${VERSION}" "${out}"

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
# The build recipe (cli_build_terraform in scripts/lib/cli-from-proxy.sh) is
# shared with scripts/ensure-terraform.sh, which builds the minimum supported
# Terraform the same way.
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
cli_build_terraform "${VERSION}" "${out}"

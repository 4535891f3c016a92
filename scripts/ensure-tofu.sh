#!/usr/bin/env bash
# Prints the path of an OpenTofu CLI (>= 1.11, the first release with
# ephemeral resources and write-only attributes) on stdout, and nothing else,
# for `make test-tofu` and `make quickstart TF=tofu`.
#
# Order of preference:
#   1. $TOFU_PATH, if set and executable;
#   2. `tofu` on PATH, if it reports 1.11 or newer;
#   3. <repo>/.bin/tofu-<version>, a previously built copy;
#   4. build it from the Go module proxy: `go mod download` the
#      github.com/opentofu/opentofu module, then `go build ./cmd/tofu` in a
#      writable copy of it (its one replace directive is served by the proxy).
#      About 3 minutes cold on 2 cores, seconds with a warm Go build cache.
#
# All diagnostics go to stderr so callers can use $(scripts/ensure-tofu.sh).
set -euo pipefail

VERSION="${TOFU_VERSION:-1.12.6}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bin_dir="${repo_root}/.bin"
out="${bin_dir}/tofu-${VERSION}"

# shellcheck source=lib/cli-from-proxy.sh
source "${repo_root}/scripts/lib/cli-from-proxy.sh"
cli_log_prefix=ensure-tofu

is_new_enough() {
	case "$(cli_version "$1")" in
	1.1[1-9].* | 1.[2-9][0-9].* | [2-9].*) return 0 ;;
	*) return 1 ;;
	esac
}

if [[ -n "${TOFU_PATH:-}" ]]; then
	if [[ -f "${TOFU_PATH}" && -x "${TOFU_PATH}" ]]; then
		printf '%s\n' "${TOFU_PATH}"
		exit 0
	fi
	echo "ensure-tofu: TOFU_PATH=${TOFU_PATH} is not an executable file; ignoring it" >&2
fi
if found="$(command -v tofu 2>/dev/null)" && [[ -n "${found}" ]] && is_new_enough "${found}"; then
	printf '%s\n' "${found}"
	exit 0
fi
if [[ -x "${out}" ]]; then
	printf '%s\n' "${out}"
	exit 0
fi

command -v go >/dev/null 2>&1 || {
	echo "ensure-tofu: go is not installed; install OpenTofu >= 1.11 (https://opentofu.org/docs/intro/install/) or set TOFU_PATH" >&2
	exit 1
}

echo "ensure-tofu: building OpenTofu v${VERSION} from the Go module proxy (about 3 minutes cold)" >&2
start=$(date +%s)
cli_enter_module_copy github.com/opentofu/opentofu "${VERSION}"
cli_build "${out}" github.com/opentofu/opentofu ./cmd/tofu "${start}"

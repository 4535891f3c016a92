#!/usr/bin/env bash
# docscheck: regenerate docs/ with tfplugindocs (`make docs`) and fail if the
# result differs from what is committed (modified, deleted or untracked files
# under docs/).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	echo "docscheck: ${repo_root} is not a git work tree; cannot compare docs/ with the committed version" >&2
	exit 1
fi

# List resource and action schemas need Terraform >= 1.14 (make docs uses it too).
tf="$(bash ./scripts/ensure-terraform-latest.sh)"
ver="$("${tf}" version -json 2>/dev/null | sed -n 's/.*"terraform_version": *"\([0-9][0-9.]*\).*/\1/p')" || true
case "${ver}" in
0.* | 1.[0-9].*)
	# Terraform < 1.10 omits ephemeral resource schemas from
	# `terraform providers schema -json`, so regenerating would delete
	# docs/ephemeral-resources/ and report a bogus difference. This happens
	# only when TF_LATEST_TERRAFORM_PATH names such an old CLI (the script
	# otherwise finds or builds 1.14); CI runs the check with 1.14.
	echo "docscheck: WARNING: skipping the docs check: Terraform ${ver} (${tf}) is older than 1.10 and cannot export ephemeral resource schemas. Install Terraform >= 1.10 to run it." >&2
	exit 0
	;;
esac

# tfplugindocs prints ~60 lines per run; keep them in a log and show them
# only when generation fails (DOCSCHECK_VERBOSE=1 shows them always).
log="$(mktemp)"
trap 'rm -f "${log}"' EXIT
start=$(date +%s)
if [[ "${DOCSCHECK_VERBOSE:-}" == 1 ]]; then
	TF_LATEST_TERRAFORM_PATH="${tf}" "${MAKE:-make}" --no-print-directory docs
elif ! TF_LATEST_TERRAFORM_PATH="${tf}" "${MAKE:-make}" --no-print-directory docs >"${log}" 2>&1; then
	cat "${log}" >&2
	echo "docscheck: FAILED: docs generation (tfplugindocs, terraform ${ver:-unknown version} at ${tf}) failed; its output is above" >&2
	exit 1
fi

changes="$(git status --porcelain --untracked-files=all -- docs/)"
if [[ -n "${changes}" ]]; then
	echo "" >&2
	echo "docscheck: FAILED: docs/ is out of date with the provider schema, templates/ or examples/." >&2
	echo "Run 'make docs' and commit the result. Changed files:" >&2
	echo "${changes}" >&2
	git --no-pager diff --stat -- docs/ >&2 || true
	exit 1
fi
echo "docscheck: docs/ is up to date (regenerated with terraform ${ver:-unknown version} in $(($(date +%s) - start)) s)"

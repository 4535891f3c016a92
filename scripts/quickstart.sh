#!/usr/bin/env bash
# quickstart: build the provider and the local sandbox API, start the sandbox,
# then run examples/quickstart against it with Terraform (or OpenTofu):
#
#   init  ->  apply (prints the outputs)  ->  plan -detailed-exitcode (must
#   report "no changes"; shown)  ->  destroy
#
# TF=tofu (make quickstart TF=tofu) runs it under OpenTofu instead: the tofu
# on PATH if it is 1.11 or newer, else OpenTofu built by scripts/ensure-tofu.sh.
# OpenTofu resolves the source "affinipay-terraform/affinipay" against
# registry.opentofu.org, so the dev_overrides key changes with the CLI.
#
# Nothing is written into the repository: the example is copied to a temporary
# directory, which is removed on exit together with the Terraform CLI config,
# and the sandbox is always stopped.
#
# Knobs (mostly for testing this script):
#   QUICKSTART_DIR         example to run          (default: <repo>/examples/quickstart)
#   QUICKSTART_BIN_DIR     provider/sandbox dir    (default: <repo>/bin)
#   QUICKSTART_SKIP_BUILD  set to 1 to skip `make build`
#   QUICKSTART_TIMEOUT     seconds to wait for the sandbox (default: 20)
#   TF                     terraform (default) or tofu
set -Eeuo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${repo_root}"

cli="${TF:-terraform}"
case "${cli}" in
terraform) provider_address="registry.terraform.io/affinipay-terraform/affinipay" ;;
tofu | opentofu)
	cli=tofu
	provider_address="registry.opentofu.org/affinipay-terraform/affinipay"
	;;
*)
	echo "quickstart: TF must be terraform or tofu, not ${cli}" >&2
	exit 2
	;;
esac
# A TF_CLI_CONFIG_FILE naming a missing file makes OpenTofu print a warning
# on every command; the script writes its own CLI configuration later.
if [[ -n "${TF_CLI_CONFIG_FILE:-}" && ! -f "${TF_CLI_CONFIG_FILE}" ]]; then
	unset TF_CLI_CONFIG_FILE
fi
example_dir="${QUICKSTART_DIR:-${repo_root}/examples/quickstart}"
bin_dir="${QUICKSTART_BIN_DIR:-${repo_root}/bin}"
wait_seconds="${QUICKSTART_TIMEOUT:-20}"

step="setup"
tmp_dir=""
sandbox_pid=""
applied=0
destroyed=0

log() { printf 'quickstart: %s\n' "$*"; }
begin() {
	step="$1"
	printf '\nquickstart: == %s\n' "${step}"
}

on_error() {
	local rc=$?
	# Command substitutions inherit this trap (set -E); let the parent report.
	if ((BASH_SUBSHELL > 0)); then
		exit "${rc}"
	fi
	printf '\nquickstart: FAILED during step "%s" (exit code %s)\n' "${step}" "${rc}" >&2
	if [[ -n "${tmp_dir}" && -s "${tmp_dir}/sandbox.log" ]]; then
		echo "quickstart: last lines of the sandbox log:" >&2
		tail -n 20 "${tmp_dir}/sandbox.log" >&2 || true
	fi
	exit "${rc}"
}
trap on_error ERR

cleanup() {
	local rc=$?
	trap - ERR
	set +e
	if [[ "${applied}" == 1 && "${destroyed}" == 0 && -n "${sandbox_pid}" && -d "${tmp_dir}/work" ]]; then
		log "cleanup: best-effort ${cli} destroy"
		(cd "${tmp_dir}/work" && "${tf}" destroy -auto-approve -input=false -no-color >/dev/null 2>&1)
	fi
	if [[ -n "${sandbox_pid}" ]] && kill -0 "${sandbox_pid}" 2>/dev/null; then
		kill -TERM "${sandbox_pid}" 2>/dev/null
		for _ in $(seq 1 50); do
			kill -0 "${sandbox_pid}" 2>/dev/null || break
			sleep 0.1
		done
		if kill -0 "${sandbox_pid}" 2>/dev/null; then
			kill -KILL "${sandbox_pid}" 2>/dev/null
		fi
		wait "${sandbox_pid}" 2>/dev/null
	fi
	if [[ -n "${tmp_dir}" ]]; then
		rm -rf "${tmp_dir}"
	fi
	exit "${rc}"
}
trap cleanup EXIT

# --- build -------------------------------------------------------------------
begin "build (make build)"
if [[ "${QUICKSTART_SKIP_BUILD:-0}" != 1 ]]; then
	make --no-print-directory build
fi
for b in terraform-provider-affinipay affinipay-sandbox; do
	if [[ ! -x "${bin_dir}/${b}" ]]; then
		echo "quickstart: ${bin_dir}/${b} is missing; run 'make build'" >&2
		false
	fi
done

begin "find ${cli}"
if [[ "${cli}" == tofu ]]; then
	tf="$(bash "${repo_root}/scripts/ensure-tofu.sh")"
else
	tf="$(bash "${repo_root}/scripts/ensure-terraform.sh")"
fi
log "using $("${tf}" version 2>/dev/null | head -n 1) (${tf})"

begin "check example directory"
if [[ ! -d "${example_dir}" ]] || ! compgen -G "${example_dir}/*.tf" >/dev/null; then
	echo "quickstart: no Terraform configuration found in ${example_dir}" >&2
	false
fi

tmp_dir="$(mktemp -d "${TMPDIR:-/tmp}/affinipay-quickstart.XXXXXX")"

# --- sandbox -----------------------------------------------------------------
begin "start sandbox"
env_file="${tmp_dir}/sandbox.env"
"${bin_dir}/affinipay-sandbox" -listen 127.0.0.1:0 -env-file "${env_file}" \
	</dev/null >"${tmp_dir}/sandbox.log" 2>&1 &
sandbox_pid=$!

begin "wait for sandbox (${wait_seconds}s)"
deadline=$((SECONDS + wait_seconds))
# The sandbox writes the env file atomically (rename) once it is listening.
until [[ -s "${env_file}" ]]; do
	if ! kill -0 "${sandbox_pid}" 2>/dev/null; then
		echo "quickstart: the sandbox exited before it was ready" >&2
		false
	fi
	if ((SECONDS >= deadline)); then
		echo "quickstart: the sandbox did not write ${env_file} within ${wait_seconds}s" >&2
		false
	fi
	sleep 0.1
done
# shellcheck disable=SC1090
source "${env_file}"
if [[ -z "${AFFINIPAY_BASE_URL:-}" ]]; then
	echo "quickstart: ${env_file} does not set AFFINIPAY_BASE_URL" >&2
	false
fi
log "sandbox (pid ${sandbox_pid}) listening at ${AFFINIPAY_BASE_URL}"

# --- terraform configuration -------------------------------------------------
begin "write ${cli} CLI config (dev_overrides for ${provider_address})"
# dev_overrides makes every plan/apply use the binary just built. Terraform
# still asks the installation methods about an overridden provider during
# `terraform init`, so a filesystem mirror holding the same build answers it
# offline (no registry is ever contacted).
mirror_dir="${tmp_dir}/mirror/${provider_address}/0.1.0/$(go env GOOS)_$(go env GOARCH)"
mkdir -p "${mirror_dir}"
cp "${bin_dir}/terraform-provider-affinipay" "${mirror_dir}/"
cat >"${tmp_dir}/terraformrc" <<EOF
provider_installation {
  dev_overrides {
    "${provider_address}" = "${bin_dir}"
  }
  filesystem_mirror {
    path    = "${tmp_dir}/mirror"
    include = ["${provider_address}"]
  }
  direct {
    exclude = ["${provider_address}"]
  }
}
EOF
export TF_CLI_CONFIG_FILE="${tmp_dir}/terraformrc"
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
unset TF_DATA_DIR TF_WORKSPACE TF_CLI_ARGS TF_CLI_ARGS_init TF_CLI_ARGS_plan TF_CLI_ARGS_apply TF_CLI_ARGS_destroy

begin "copy example to a temporary directory"
mkdir -p "${tmp_dir}/work"
cp -R "${example_dir}/." "${tmp_dir}/work/"
cd "${tmp_dir}/work"
rm -rf .terraform .terraform.lock.hcl terraform.tfstate terraform.tfstate.backup

begin "${cli} init"
"${tf}" init -input=false -no-color

# The retainer's first payment must be after today; one date for the whole
# run keeps the follow-up plan empty.
export TF_VAR_first_payment_date="${TF_VAR_first_payment_date:-$(date -u -d '+30 days' +%Y-%m-%d)}"
log "first payment date: ${TF_VAR_first_payment_date}"

# --- apply, verify, destroy --------------------------------------------------
# The test card reaches Terraform only through the environment, as ephemeral
# variables (see examples/quickstart/main.tf): no file Terraform writes holds
# it. It is needed only by the apply that adds the card.
begin "${cli} apply (prints the outputs)"
applied=1
TF_VAR_test_card_number=4242424242424242 TF_VAR_test_card_cvv=123 \
	"${tf}" apply -auto-approve -input=false -no-color
unset TF_VAR_test_card_number TF_VAR_test_card_cvv

begin "${cli} plan -detailed-exitcode (expecting no changes, without the card data)"
plan_rc=0
"${tf}" plan -detailed-exitcode -input=false -no-color >"${tmp_dir}/plan.txt" 2>&1 || plan_rc=$?
case "${plan_rc}" in
0) cat "${tmp_dir}/plan.txt" ;;
2)
	cat "${tmp_dir}/plan.txt" >&2
	echo "quickstart: a plan right after apply proposes changes; the provider is not idempotent against the sandbox" >&2
	false
	;;
*)
	cat "${tmp_dir}/plan.txt" >&2
	echo "quickstart: terraform plan failed (exit code ${plan_rc})" >&2
	false
	;;
esac
if grep -rqs --exclude-dir=.terraform 4242424242424242 "${tmp_dir}/work"; then
	echo "quickstart: the test card number was found in a file Terraform wrote" >&2
	false
fi
log "SUCCESS: apply completed against the sandbox, a follow-up plan shows no changes, and no file holds the card number"

begin "${cli} destroy"
"${tf}" destroy -auto-approve -input=false -no-color
destroyed=1

step="done"
log "done; stopping the sandbox and removing ${tmp_dir}"

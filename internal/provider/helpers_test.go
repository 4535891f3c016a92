package provider

import (
	"fmt"
	"regexp"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox"
)

func regexpMust(s string) *regexp.Regexp { return regexp.MustCompile(s) }

func errorf(format string, args ...any) error { return fmt.Errorf(format, args...) }

func sandboxLiveSecretKey() string { return sandbox.DefaultCredentials().LiveSecretKey }

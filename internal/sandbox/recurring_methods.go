package sandbox

// Recurring charges: resolving the merchant account and payment method a
// charge uses.

import (
	"net/http"
	"strings"
)

// accountForLocked resolves the account for a method type: the given
// account_id (which must be of the right kind) or the mode's primary one.
// It returns the account ID and currency, or writes the error.
func (s *Server) accountForLocked(w http.ResponseWriter, m mode, accountID, methodType string) (string, string, bool) {
	if accountID != "" {
		if a := s.st.merchantAccount(accountID); a != nil && a.Mode == m {
			if methodType != "card" {
				rcWriteCode(w, "incorrect_payment_type", "Payment method type not supported by the target account")
				return "", "", false
			}
			return a.ID, a.Currency, s.accountUsableLocked(w, a.Status, a.RecurringChargesEnabled)
		}
		if a := s.st.achAccount(accountID); a != nil && a.Mode == m {
			if methodType != "bank" {
				rcWriteCode(w, "incorrect_payment_type", "Payment method type not supported by the target account")
				return "", "", false
			}
			return a.ID, a.Currency, s.accountUsableLocked(w, a.Status, a.RecurringChargesEnabled)
		}
		writeNotFound(w, "Account", accountID)
		return "", "", false
	}
	cards, achs := s.st.accountsByMode(m)
	if methodType == "card" {
		for _, a := range cards {
			if a.Primary {
				return a.ID, a.Currency, s.accountUsableLocked(w, a.Status, a.RecurringChargesEnabled)
			}
		}
	} else {
		for _, a := range achs {
			if a.Primary {
				return a.ID, a.Currency, s.accountUsableLocked(w, a.Status, a.RecurringChargesEnabled)
			}
		}
	}
	rcWriteCode(w, "no_account_for_payment_method", "Merchant does not have an account that supports the requested payment method")
	return "", "", false
}

func (s *Server) accountUsableLocked(w http.ResponseWriter, status string, recurringEnabled bool) bool {
	if status != "ACTIVE" {
		rcWriteCode(w, "account_not_active", "Account is not active")
		return false
	}
	if !recurringEnabled {
		rcWriteCode(w, "unavailable_for_merchant_policy", "Recurring charges are not enabled for this account")
		return false
	}
	return true
}

// cardTypeAccepted checks a card's type against the account's
// accepted_card_types ("*" or empty accepts any).
func (s *Server) cardTypeAcceptedLocked(accountID string, d cbDetails) bool {
	a := s.st.merchantAccount(accountID)
	if a == nil || d.Type != "card" || d.CardType == "" {
		return true
	}
	list := strings.TrimSpace(a.AcceptedCardTypes)
	if list == "" || list == "*" {
		return true
	}
	for _, t := range splitList(list) {
		if t == "*" || t == d.CardType {
			return true
		}
	}
	return false
}

// resolveMethodInputLocked turns a method input into details (without
// consuming a one-time token), or writes the error.
func (s *Server) resolveMethodInputLocked(w http.ResponseWriter, m mode, in rcMethodInput) (cbDetails, bool) {
	if in.details != nil {
		if len(in.codes) > 0 {
			writeMessages(w, http.StatusUnprocessableEntity, in.codes...)
			return cbDetails{}, false
		}
		return *in.details, true
	}
	cm, ok := s.resolveMethodLocked(in.id, false)
	if !ok || cm.Mode != m {
		writeNotFound(w, "PaymentMethod", in.id)
		return cbDetails{}, false
	}
	d := cbDetailsFromMasked(cm.Masked)
	if d.Type == "" {
		d.Type = cm.Type
	}
	return d, true
}

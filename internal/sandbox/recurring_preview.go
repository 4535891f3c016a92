package sandbox

// Recurring charges: schedule preview (GET /v1/recurring/charges/schedule).

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/affinipay-terraform/terraform-provider-affinipay/internal/sandbox/schedule"
)

type rcProjectionJSON struct {
	Amount               int64              `json:"amount"`
	MaxOccurrences       *int               `json:"max_occurrences,omitempty"`
	MaxAmount            *int64             `json:"max_amount,omitempty"`
	TotalOccurrences     int                `json:"total_occurrences"`
	TotalAmount          int64              `json:"total_amount"`
	RemainingOccurrences *int64             `json:"remaining_occurrences"`
	RemainingAmount      *int64             `json:"remaining_amount"`
	Schedule             rcScheduleJSON     `json:"schedule"`
	NextPayment          string             `json:"next_payment,omitempty"`
	Occurrences          []rcProjectionOccJ `json:"occurrences"`
}

type rcProjectionOccJ struct {
	Amount  int64  `json:"amount"`
	DueDate string `json:"due_date"`
}

func (s *Server) previewRecurring(w http.ResponseWriter, req *http.Request) {
	q := req.URL.Query()
	var msgs []Message
	n := 10
	if v := q.Get("occurrences"); v != "" {
		x, err := strconv.Atoi(strings.TrimSpace(v))
		switch {
		case err != nil:
			msgs = append(msgs, invalidData("occurrences", subInvalid, "occurrences must be an integer"))
		case x < 1:
			msgs = append(msgs, invalidData("occurrences", subBelowMinimum, "occurrences must be at least 1"))
		case x > 100:
			msgs = append(msgs, invalidData("occurrences", subExceedsMaximum, "occurrences cannot exceed 100"))
		default:
			n = x
		}
	}
	charge := false
	if v := q.Get("start_date_charge"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			msgs = append(msgs, invalidData("start_date_charge", subInvalid, "start_date_charge must be true or false"))
		}
		charge = b
	}
	today := s.nowUTC().Format(rcDateLayout)
	startDate, _ := schedule.AddDays(today, 1) // "The default is the next day."
	if charge {
		startDate = today
	}
	if v := q.Get("start_date"); v != "" {
		d, err := schedule.NormalizeDate(strings.TrimSpace(v))
		switch {
		case err != nil:
			msgs = append(msgs, invalidData("start_date", subInvalid, "start_date must be a date in the format YYYY-MM-DD"))
		case charge && d != today:
			msgs = append(msgs, invalidData("start_date", subInvalid, "with start_date_charge=true, start_date must be today ("+today+")"))
		default:
			startDate = d
		}
	}
	obj, ok := readJSONObject(w, req)
	if !ok {
		return
	}
	// The first occurrence is on start_date (query, default the next day);
	// schedule.start in the body is optional here: when absent the
	// schedule starts on start_date (reference :2657; the documented
	// example sends both, with the same date).
	if sched, isObj := obj["schedule"]; isObj {
		var so jsonObject
		if json.Unmarshal(sched, &so) == nil && so != nil {
			if _, has := so["start"]; !has {
				so["start"], _ = json.Marshal(startDate)
				obj["schedule"], _ = json.Marshal(so)
			}
		}
	}
	r := &reader{obj: obj, msgs: &msgs}
	reported := map[string]bool{}
	cand := &recurringCharge{}
	if v, ok := r.integer("amount"); ok {
		cand.Amount = v
	} else if !r.has("amount") || r.isNull("amount") {
		r.addf("amount", subNotNull, "amount is required")
		reported["amount"] = true
	} else {
		reported["amount"] = true
	}
	if v, set, _ := rcReadLimit(r, "max_occurrences"); set {
		if v > 1<<31 {
			v = 1 << 31
		}
		x := int(v)
		cand.MaxOccurrences = &x
	}
	if v, set, _ := rcReadLimit(r, "max_amount"); set {
		cand.MaxAmount = &v
	}
	var totalOcc, totalAmt int64
	for _, t := range []struct {
		key string
		dst *int64
	}{{"total_occurrences", &totalOcc}, {"total_amount", &totalAmt}} {
		if v, ok := r.integer(t.key); ok {
			if v < 0 {
				r.addf(t.key, subBelowMinimum, t.key+" cannot be negative")
			} else {
				*t.dst = v
			}
		}
	}
	if totalOcc > 1<<31 {
		totalOcc = 1 << 31
	}
	rcReadSchedule(r, &cand.Schedule, false, reported)
	msgs = append(msgs, rcValidate(cand.Schedule, cand.limits(), reported)...)
	if len(msgs) > 0 {
		writeInvalid(w, msgs)
		return
	}
	p, err := schedule.Project(cand.Schedule, cand.limits(), startDate, int(totalOcc), totalAmt, n)
	if err != nil {
		writeMessages(w, http.StatusInternalServerError, serverError())
		return
	}
	rcNormalize(&cand.Schedule)
	out := rcProjectionJSON{
		Amount: cand.Amount, MaxOccurrences: cand.MaxOccurrences, MaxAmount: cand.MaxAmount,
		TotalOccurrences: int(totalOcc), TotalAmount: totalAmt,
		RemainingOccurrences: p.RemainingOccurrences, RemainingAmount: p.RemainingAmount,
		Schedule: rcSchedJSON(cand.Schedule), NextPayment: p.NextPayment,
		Occurrences: []rcProjectionOccJ{},
	}
	for _, o := range p.Occurrences {
		out.Occurrences = append(out.Occurrences, rcProjectionOccJ{Amount: o.Amount, DueDate: o.DueDate})
	}
	writeJSON(w, http.StatusOK, out)
}
